package city.parkgrid.catalog.memory;

import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.lots.ExternalIdTakenException;
import city.parkgrid.lots.Lot;
import city.parkgrid.regions.Region;
import city.parkgrid.zones.Zone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The city's geometry in this JVM, for {@code dev} mode and fast tests. Thread-safe (every method
 * is synchronized; geometry changes are rare).
 */
public final class InMemoryGeographyStore implements GeographyStore {

    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, Lot> lots = new LinkedHashMap<>();

    public InMemoryGeographyStore(DataSet initial) {
        importDataSet(initial);
    }

    @Override
    public synchronized DataSet load() {
        return new DataSet(
                new ArrayList<>(regions.values()), new ArrayList<>(zones.values()), new ArrayList<>(lots.values()));
    }

    @Override
    public synchronized boolean putZone(Zone zone) {
        return zones.put(zone.id(), zone) == null;
    }

    @Override
    public synchronized boolean putLot(Lot lot) {
        requireExternalIdsFree(lot, lots.values());
        return lots.put(lot.id(), lot.withZoneId(null)) == null;
    }

    /** As PostGIS's unique (scheme, external_id): an external id names one lot. */
    private static void requireExternalIdsFree(Lot lot, Iterable<Lot> others) {
        for (Lot other : others) {
            if (other.id().equals(lot.id())) {
                continue;
            }
            for (Map.Entry<String, String> id : lot.externalIds().entrySet()) {
                if (id.getValue().equals(other.externalIds().get(id.getKey()))) {
                    throw new ExternalIdTakenException(id.getKey(), id.getValue(), other.id());
                }
            }
        }
    }

    @Override
    public synchronized ImportResult importDataSet(DataSet data) {
        Map<String, Lot> after = new LinkedHashMap<>(lots);
        data.lots().forEach(l -> after.put(l.id(), l));
        for (Lot lot : data.lots()) {
            requireExternalIdsFree(lot, after.values());
        }
        int[] counts = new int[3];
        upsert(regions, data.regions(), Region::id, InMemoryGeographyStore::sameRegion, counts);
        upsert(zones, data.zones(), Zone::id, InMemoryGeographyStore::sameZone, counts);
        upsert(lots, data.lots().stream().map(l -> l.withZoneId(null)).toList(), Lot::id, Lot::equalsAllFields, counts);
        return new ImportResult(counts[0], counts[1], counts[2]);
    }

    private static <T> void upsert(
            Map<String, T> into, Iterable<T> items, Function<T, String> id, BiPredicate<T, T> same, int[] counts) {
        for (T item : items) {
            T previous = into.put(id.apply(item), item);
            counts[previous == null ? 0 : same.test(previous, item) ? 2 : 1]++;
        }
    }

    private static boolean sameRegion(Region a, Region b) {
        return a.level() == b.level()
                && Objects.equals(a.parentId(), b.parentId())
                && a.nameZh().equals(b.nameZh())
                && a.nameEn().equals(b.nameEn())
                && a.area().equalsExact(b.area());
    }

    private static boolean sameZone(Zone a, Zone b) {
        return a.nameZh().equals(b.nameZh())
                && a.nameEn().equals(b.nameEn())
                && a.area().equalsExact(b.area());
    }
}
