package city.parkgrid.regions;

import city.parkgrid.geo.GeoPoint;
import java.util.List;
import java.util.Optional;

/**
 * The city → district → subdistrict → community hierarchy, kept once and shared with other city
 * services. Thread-safe; answers from memory.
 */
public interface RegionCatalog {

    Optional<Region> findRegion(String regionId);

    /** The regions one level down, ordered by id. */
    List<Region> listChildren(String regionId);

    /** The region and every region below it. */
    List<Region> listSubtree(String regionId);

    /**
     * The chain from the city down to the deepest region covering the point; empty outside every
     * region. On a shared boundary the point belongs to every region it touches, and of those at
     * the deepest level the one with the smallest id (in code-point order) wins: one answer,
     * always the same, in Java and in SQL alike.
     */
    List<Region> locate(GeoPoint point);
}
