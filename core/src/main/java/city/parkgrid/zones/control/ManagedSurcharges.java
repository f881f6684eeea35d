package city.parkgrid.zones.control;

import city.parkgrid.accounts.Surcharges;
import city.parkgrid.lots.Lot;
import java.util.List;

/**
 * The MANAGED surcharge as settlement prices it: from the recorded history of the lot's unit's
 * modes, so a stay pays only for its minutes under MANAGED, whichever node saw the change. The
 * history is read once per priced stay. Blocking.
 */
public final class ManagedSurcharges implements Surcharges {

    private final ZoneControlService controls;

    public ManagedSurcharges(ZoneControlService controls) {
        this.controls = controls;
    }

    @Override
    public Priced forLot(Lot lot) {
        List<ZoneControlStore.ModeRecord> history = lot.zoneId() == null ? List.of() : controls.listModes(lot.zoneId());
        return (from, to) -> ManagedSurcharge.of(history, from, to);
    }
}
