package city.parkgrid.forecast;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Makes real occupancy data usable: real feeds repeat rows, report the same instant twice with
 * different counts, count cars above capacity (cars let into a full lot, miscounts) or below zero
 * (an exit counter ahead of the entry counter). Gaps and irregular sampling are left as they are:
 * the forecasters look values up by time with tolerances, never by position.
 */
public final class Observations {

    private Observations() {}

    /**
     * Sorted by time; of several observations at the same instant the last one given wins (a
     * re-sent, corrected reading comes later), so exact duplicates collapse too; counts clamped to
     * 0..capacity; observations without a positive capacity dropped (nothing can be forecast as a
     * share of zero spaces).
     */
    public static List<Observation> clean(Collection<Observation> raw) {
        List<Observation> sorted = new ArrayList<>(raw.size());
        for (Observation o : raw) {
            if (o.capacity() > 0) {
                sorted.add(o);
            }
        }
        // List.sort is stable: equal instants keep their input order, so "last given" is last here.
        sorted.sort(Comparator.comparing(Observation::at));
        List<Observation> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Observation o = sorted.get(i);
            if (i + 1 < sorted.size() && sorted.get(i + 1).at().equals(o.at())) {
                continue;
            }
            int occupied = Math.max(0, Math.min(o.capacity(), o.occupied()));
            out.add(occupied == o.occupied() ? o : new Observation(o.at(), occupied, o.capacity()));
        }
        return out;
    }
}
