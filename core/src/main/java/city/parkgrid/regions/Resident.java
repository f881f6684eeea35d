package city.parkgrid.regions;

import city.parkgrid.Text;
import java.util.Set;

/**
 * A registered resident: only what the platform needs (their community and their plates), no
 * names or phone numbers. Immutable; equal by id.
 */
public record Resident(String id, String communityId, Set<String> plates) {

    public Resident {
        Text.require("id", id, Text.MAX_ID);
        Text.require("communityId", communityId, Text.MAX_ID);
        plates = Set.copyOf(plates);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resident other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
