package city.parkgrid.pricing;

import city.parkgrid.InvalidInputException;
import city.parkgrid.lots.Lot;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TariffVersions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Setting and reading a lot's tariff versions: the operator's {@code PUT} (now, or scheduled for
 * later) and everyone's reads. Blocking (the stores); thread-safe.
 */
public final class LotTariffs {

    private final TariffStore store;
    private final PricingStore pricing;
    private final Clock clock;

    public LotTariffs(TariffStore store, PricingStore pricing, Clock clock) {
        this.store = store;
        this.pricing = pricing;
        this.clock = clock;
    }

    /**
     * The operator sets the lot's tariff from {@code effectiveFrom}, or from now when it is null —
     * or from the start, when the lot has no tariff yet (its first tariff prices every stay, as
     * before versions). A version set for the same instant is replaced.
     *
     * <p>Band rates set by a unit's pricing policy still in force are the policy's: a tariff
     * without {@code bandRates} ({@code bandRatesGiven} false) keeps them, and one that changes
     * them is refused.
     *
     * @throws InvalidInputException {@code effectiveFrom} in the past: a settled stay's price never changes
     * @throws PricingPolicyConflictException the tariff changes a rate the policy set
     */
    public TariffVersion set(Lot lot, Tariff tariff, boolean bandRatesGiven, Instant effectiveFrom) {
        Instant now = clock.instant();
        if (effectiveFrom != null && effectiveFrom.isBefore(now)) {
            throw new InvalidInputException(
                    "effectiveFrom", "must not be in the past (now is " + now + "), was " + effectiveFrom);
        }
        TariffVersions versions = store.findVersions(lot.id());
        Instant from = effectiveFrom != null ? effectiveFrom : versions.isEmpty() ? TariffVersion.FROM_THE_START : now;
        Tariff set = tariff;
        String policyZone = null;
        Optional<TariffVersion> governing = versions.findInForce(from)
                .filter(v -> v.policyZoneId() != null
                        && pricing.findPolicy(v.policyZoneId()).isPresent());
        if (governing.isPresent()) {
            Tariff byPolicy = governing.get().tariff();
            if (!bandRatesGiven) {
                set = tariff.withBandRates(byPolicy.bandRates());
            } else if (!tariff.bandRates().equals(byPolicy.bandRates())) {
                String band = byPolicy.bandRates().stream()
                        .filter(b -> !tariff.bandRates().contains(b))
                        .map(b -> b.band().label())
                        .findFirst()
                        .orElse("a band");
                throw new PricingPolicyConflictException(governing.get().policyZoneId(), band);
            }
            policyZone = governing.get().policyZoneId();
        }
        TariffVersion version = new TariffVersion(from, set, policyZone);
        store.putVersion(lot.id(), version);
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
