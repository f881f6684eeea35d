package city.parkgrid.regions.memory;

import city.parkgrid.regions.PlateTakenException;
import city.parkgrid.regions.Resident;
import city.parkgrid.regions.ResidentRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Residents in this JVM, for {@code dev} mode and fast tests. Thread-safe (synchronized). */
public final class InMemoryResidentRegistry implements ResidentRegistry {

    private final Map<String, Resident> residents = new HashMap<>();
    private final Map<String, String> residentByPlate = new HashMap<>();

    @Override
    public synchronized Resident register(String communityId, Set<String> plates) {
        for (String plate : plates) {
            if (residentByPlate.containsKey(plate)) {
                throw new PlateTakenException(plate);
            }
        }
        Resident resident = new Resident(UUID.randomUUID().toString(), communityId, new HashSet<>(plates));
        residents.put(resident.id(), resident);
        plates.forEach(p -> residentByPlate.put(p, resident.id()));
        return resident;
    }

    @Override
    public synchronized Optional<Resident> findResident(String residentId) {
        return Optional.ofNullable(residents.get(residentId));
    }

    @Override
    public synchronized Optional<Resident> findByPlate(String plate) {
        return Optional.ofNullable(residentByPlate.get(plate)).map(residents::get);
    }

    @Override
    public synchronized long countInCommunities(Collection<String> communityIds) {
        Set<String> wanted = new HashSet<>(communityIds);
        return residents.values().stream()
                .filter(r -> wanted.contains(r.communityId()))
                .count();
    }
}
