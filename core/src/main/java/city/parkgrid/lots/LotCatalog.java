package city.parkgrid.lots;

import city.parkgrid.geo.GeoPoint;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The lots the platform knows: what they are and where, not how full they are. Implementations are
 * thread-safe and answer from memory, so callers may use them on an event loop.
 */
public interface LotCatalog {

    Optional<Lot> findLot(String lotId);

    default Lot getLot(String lotId) {
        return findLot(lotId).orElseThrow(() -> new NoSuchElementException("no lot " + lotId));
    }

    /** The lot another system knows by {@code externalId} in {@code scheme} (see {@link Lot#externalIds}). */
    Optional<Lot> findLotByExternalId(String scheme, String externalId);

    /** Every lot, ordered by id. */
    List<Lot> listLots();

    /** The lots of one parking unit, ordered by id; empty for an unknown unit. */
    List<Lot> listLotsInZone(String zoneId);

    /** Lots whose entrance lies within {@code radiusMetres} of {@code point}, nearest first. */
    List<NearbyLot> findLotsNear(GeoPoint point, double radiusMetres);
}
