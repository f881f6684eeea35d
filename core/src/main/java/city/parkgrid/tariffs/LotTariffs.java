package city.parkgrid.tariffs;

import city.parkgrid.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Setting and reading a lot's tariff versions: the operator's {@code PUT} (now, or scheduled for
 * later) and everyone's reads. Blocking (the store); thread-safe.
 */
public final class LotTariffs {

    private final TariffStore store;
    private final Clock clock;

    public LotTariffs(TariffStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Sets the lot's tariff from {@code effectiveFrom}, or from now when it is null — or from the
     * start, when the lot has no tariff yet (its first tariff prices every stay, as before
     * versions). A version set for the same instant is replaced.
     *
     * @throws InvalidInputException {@code effectiveFrom} in the past: a settled stay's price never changes
     */
    public TariffVersion set(String lotId, Tariff tariff, Instant effectiveFrom) {
        Instant now = clock.instant();
        if (effectiveFrom != null && effectiveFrom.isBefore(now)) {
            throw new InvalidInputException(
                    "effectiveFrom", "must not be in the past (now is " + now + "), was " + effectiveFrom);
        }
        Instant from = effectiveFrom != null
                ? effectiveFrom
                : store.findVersions(lotId).isEmpty() ? TariffVersion.FROM_THE_START : now;
        TariffVersion version = new TariffVersion(from, tariff);
        store.putVersion(lotId, version);
        return version;
    }

    /** The version in force at {@code at} (null: now). */
    public Optional<TariffVersion> findInForce(String lotId, Instant at) {
        return store.findVersions(lotId).findInForce(at == null ? clock.instant() : at);
    }

    public TariffVersions listVersions(String lotId) {
        return store.findVersions(lotId);
    }
}
