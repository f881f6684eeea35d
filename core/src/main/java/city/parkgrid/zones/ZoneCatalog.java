package city.parkgrid.zones;

import java.util.List;
import java.util.Optional;

/** The parking units the bureau has drawn. Thread-safe; answers from memory. */
public interface ZoneCatalog {

    Optional<Zone> findZone(String zoneId);

    /** Every unit, ordered by id. */
    List<Zone> listZones();
}
