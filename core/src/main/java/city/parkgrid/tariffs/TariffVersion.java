package city.parkgrid.tariffs;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a lot's tariff: {@code tariff} prices every unit of a stay that starts at or after
 * {@code effectiveFrom}, until the next version. Immutable.
 *
 * @param policyZoneId the unit whose pricing policy set this version's band rates (an approved
 *     review), or null when the lot's operator set it
 */
public record TariffVersion(Instant effectiveFrom, Tariff tariff, String policyZoneId) {

    public TariffVersion(Instant effectiveFrom, Tariff tariff) {
        this(effectiveFrom, tariff, null);
    }

    /**
     * The effective time of a tariff set without one where the lot had none (and of every tariff
     * set before tariffs had versions): in force for every stay, as a lot's only tariff always was.
     */
    public static final Instant FROM_THE_START = Instant.EPOCH;

    public TariffVersion {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(tariff, "tariff");
    }
}
