package city.parkgrid.catalog;

import city.parkgrid.dataset.DataSet;
import city.parkgrid.lots.Lot;
import city.parkgrid.zones.Zone;

/**
 * Where the city's geometry is kept durably (PostGIS in {@code serve}, memory in {@code dev}).
 * Methods block; callers on an event loop hand them to a worker. Thread-safe.
 *
 * <p>Implementations pass {@code GeographyStoreContract} in the test sources.
 */
public interface GeographyStore {

    /** Everything: regions, zones and lots (lots' zones unassigned; {@link GeoIndex} derives them). */
    DataSet load();

    /** Creates or replaces a zone; returns true when it was new. */
    boolean putZone(Zone zone);

    /** Creates or replaces a lot; returns true when it was new. */
    boolean putLot(Lot lot);

    /**
     * Inserts or updates every region, zone and lot of the data set by id, changing nothing that
     * is already equal: importing the same data twice changes nothing the second time.
     */
    ImportResult importDataSet(DataSet data);

    /** What an import changed. */
    record ImportResult(int inserted, int updated, int unchanged) {

        public int changed() {
            return inserted + updated;
        }
    }
}
