package city.parkgrid.api.zones;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.UUID;

/**
 * Tells the other nodes of the (clustered) event bus that a unit's control changed, so they
 * refresh at once instead of within the second; see {@link city.parkgrid.zones.control.ZoneControls}.
 * A notice from this node is ignored here: the change was applied before it was sent.
 */
public final class ControlNotices {

    public static final String CHANGED = "parkgrid.zones.control";
    private static final String ORIGIN = "origin";

    /** Tells this node's own notices apart from the others'. */
    private final String node = UUID.randomUUID().toString();

    /** Tells every node that a unit's control changed (empty: any unit). */
    public void announce(EventBus bus, String zoneId) {
        bus.publish(CHANGED, zoneId, new DeliveryOptions().addHeader(ORIGIN, node));
    }

    /** Whether a notice came from another node. */
    public boolean fromAnotherNode(Message<?> notice) {
        return !node.equals(notice.headers().get(ORIGIN));
    }
}
