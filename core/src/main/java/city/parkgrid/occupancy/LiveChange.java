package city.parkgrid.occupancy;

import java.time.Instant;
import java.util.List;

/**
 * One change a node made to a lot's live state, as {@link LiveJournal} keeps it: the call to the
 * {@link OccupancyStore}, with the platform's {@code now} it was judged on and the lot's version it
 * produced. Replaying a lot's changes in version order through a store rebuilds what the store held,
 * since every rule is judged on {@code now} and the call's own arguments. Immutable.
 */
public sealed interface LiveChange {

    String lotId();

    /** The lot's version after the change: the order Redis applied it in. */
    long version();

    Instant now();

    record Register(String lotId, long version, Instant now, int capacity) implements LiveChange {}

    record Configure(String lotId, long version, Instant now, boolean closed, int reserved) implements LiveChange {}

    record Events(String lotId, long version, Instant now, List<GateEvent> events) implements LiveChange {}

    record Snapshot(String lotId, long version, Instant now, int occupied, Instant at) implements LiveChange {}

    record Held(String lotId, long version, Instant now, HoldRequest request) implements LiveChange {}

    record Ended(String lotId, long version, Instant now, String holdId, HoldStatus endAs) implements LiveChange {}
}
