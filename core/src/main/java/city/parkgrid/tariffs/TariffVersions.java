package city.parkgrid.tariffs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one lot's tariff, the earliest first, no two with the same effective time.
 * Immutable; thread-safe.
 */
public final class TariffVersions {

    private static final TariffVersions NONE = new TariffVersions(List.of());

    private final List<TariffVersion> versions;

    private TariffVersions(List<TariffVersion> sorted) {
        this.versions = sorted;
    }

    public static TariffVersions none() {
        return NONE;
    }

    /** One tariff in force for every stay. */
    public static TariffVersions of(Tariff tariff) {
        return new TariffVersions(List.of(new TariffVersion(TariffVersion.FROM_THE_START, tariff)));
    }

    /** These versions in order; of two with the same effective time, the later in the list wins. */
    public static TariffVersions of(List<TariffVersion> versions) {
        List<TariffVersion> sorted = new ArrayList<>();
        for (TariffVersion v : versions) {
            sorted.removeIf(w -> w.effectiveFrom().equals(v.effectiveFrom()));
            sorted.add(v);
        }
        sorted.sort(Comparator.comparing(TariffVersion::effectiveFrom));
        return new TariffVersions(List.copyOf(sorted));
    }

    /** These versions with {@code version} added, replacing one with the same effective time. */
    public TariffVersions with(TariffVersion version) {
        List<TariffVersion> all = new ArrayList<>(versions);
        all.add(version);
        return of(all);
    }

    public List<TariffVersion> list() {
        return versions;
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    /** The version in force at {@code at}: the latest that took effect at or before it. */
    public Optional<TariffVersion> findInForce(Instant at) {
        TariffVersion found = null;
        for (TariffVersion v : versions) {
            if (v.effectiveFrom().isAfter(at)) {
                break;
            }
            found = v;
        }
        return Optional.ofNullable(found);
    }

    /** The tariff in force at {@code at}. */
    public Optional<Tariff> findTariff(Instant at) {
        return findInForce(at).map(TariffVersion::tariff);
    }

    /** The first version to take effect after {@code at}. */
    public Optional<TariffVersion> findNextAfter(Instant at) {
        return versions.stream().filter(v -> v.effectiveFrom().isAfter(at)).findFirst();
    }

    /** The version in force at {@code at} and every later one: what a rate export publishes. */
    public List<TariffVersion> fromInForce(Instant at) {
        Optional<TariffVersion> current = findInForce(at);
        List<TariffVersion> out = new ArrayList<>();
        current.ifPresent(out::add);
        versions.stream().filter(v -> v.effectiveFrom().isAfter(at)).forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TariffVersions other && versions.equals(other.versions);
    }

    @Override
    public int hashCode() {
        return versions.hashCode();
    }

    @Override
    public String toString() {
        return versions.toString();
    }
}
