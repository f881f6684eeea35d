package city.parkgrid.regions;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Registered residents and their plates. Implementations are thread-safe; the PostgreSQL one
 * blocks, so callers on an event loop hand calls to a worker.
 *
 * <p>Implementations pass {@code ResidentRegistryContract} in the test sources.
 */
public interface ResidentRegistry {

    /**
     * Registers a resident of {@code communityId} with normalised plates.
     *
     * @throws PlateTakenException when any plate already belongs to a resident (nothing is stored)
     */
    Resident register(String communityId, Set<String> plates);

    Optional<Resident> findResident(String residentId);

    Optional<Resident> findByPlate(String plate);

    /** How many residents live in the given communities. */
    long countInCommunities(Collection<String> communityIds);
}
