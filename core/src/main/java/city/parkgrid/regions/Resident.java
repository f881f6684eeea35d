package city.parkgrid.regions;

import java.util.Objects;
import java.util.Set;

/**
 * A registered resident: only what the platform needs (their community and their plates), no
 * names or phone numbers. Immutable; equal by id.
 */
public record Resident(String id, String communityId, Set<String> plates) {

    public Resident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(communityId, "communityId");
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
