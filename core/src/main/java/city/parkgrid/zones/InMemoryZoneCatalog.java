package city.parkgrid.zones;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Parking units held in memory. Immutable once built, hence thread-safe. */
public final class InMemoryZoneCatalog implements ZoneCatalog {

    private final List<Zone> zones;

    public InMemoryZoneCatalog(Collection<Zone> zones) {
        this.zones = zones.stream().sorted(Comparator.comparing(Zone::id)).toList();
    }

    @Override
    public Optional<Zone> findZone(String zoneId) {
        return zones.stream().filter(z -> z.id().equals(zoneId)).findFirst();
    }

    @Override
    public List<Zone> listZones() {
        return zones;
    }
}
