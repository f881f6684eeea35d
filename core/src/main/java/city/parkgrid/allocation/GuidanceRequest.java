package city.parkgrid.allocation;

import city.parkgrid.geo.GeoPoint;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a driver is going, and what matters to them.
 *
 * @param origin where the driver is now, or null
 * @param arriveAt when they expect to arrive, or null for now
 * @param durationMinutes how long they expect to stay, or null
 * @param maxWalkMetres how far they will walk from the lot (default 800)
 */
public record GuidanceRequest(
        GeoPoint destination,
        GeoPoint origin,
        Instant arriveAt,
        Integer durationMinutes,
        double maxWalkMetres,
        VehicleKind vehicle) {

    public static final double DEFAULT_MAX_WALK_METRES = 800;

    public GuidanceRequest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(vehicle, "vehicle");
    }

    public static GuidanceRequest to(GeoPoint destination) {
        return new GuidanceRequest(destination, null, null, null, DEFAULT_MAX_WALK_METRES, VehicleKind.CAR);
    }
}
