package city.parkgrid.lots;

import city.parkgrid.geo.GeoPoint;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A catalog held in memory. Immutable once built, hence thread-safe.
 *
 * <p>Nearness is a linear scan: 4,500 lots take tens of microseconds. The spatial issue replaces
 * it with an STRtree fed from PostGIS.
 */
public final class InMemoryLotCatalog implements LotCatalog {

    private static final Comparator<NearbyLot> NEAREST_FIRST =
            Comparator.comparingDouble(NearbyLot::distanceMetres).thenComparing(n -> n.lot().id());

    private final Map<String, Lot> lotsById;
    private final List<Lot> lotsInIdOrder;

    public InMemoryLotCatalog(Collection<Lot> lots) {
        this.lotsById = lots.stream().collect(Collectors.toUnmodifiableMap(Lot::id, Function.identity()));
        this.lotsInIdOrder = lots.stream().sorted(Comparator.comparing(Lot::id)).toList();
    }

    @Override
    public Optional<Lot> findLot(String lotId) {
        return Optional.ofNullable(lotsById.get(lotId));
    }

    @Override
    public List<Lot> listLots() {
        return lotsInIdOrder;
    }

    @Override
    public List<Lot> listLotsInZone(String zoneId) {
        return lotsInIdOrder.stream().filter(l -> zoneId.equals(l.zoneId())).toList();
    }

    @Override
    public List<NearbyLot> findLotsNear(GeoPoint point, double radiusMetres) {
        return lotsInIdOrder.stream()
                .map(lot -> new NearbyLot(lot, point.metresTo(lot.entrance())))
                .filter(n -> n.distanceMetres() <= radiusMetres)
                .sorted(NEAREST_FIRST)
                .toList();
    }
}
