package city.parkgrid.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Every parameter of a simulated day, read from one documented YAML file (see
 * {@code sim/src/main/resources/scenarios/}). Immutable. The same scenario and seed give the same
 * numbers, byte for byte.
 */
public record Scenario(
        String name,
        long seed,
        LocalDate date,
        DayKind dayKind,
        String zone,
        List<Double> adoptionShares,
        List<Policy> policies,
        Driving driving,
        NoInformation noInformation,
        ZoneSigns zoneSigns,
        int holdMinutes,
        double maxWalkMetres,
        Map<String, Double> backgroundFill,
        Map<String, Demand> demand) {

    public enum DayKind {
        WEEKDAY,
        WEEKEND
    }

    /** What drivers who use ParkGrid's information do; drivers who do not always search with no information. */
    public enum Policy {
        PARKGRID,
        ZONE_SIGNS
    }

    /**
     * @param searchSpeedKmh speed while searching (urban cruising, 10–15 km/h in field studies)
     * @param detourFactor road distance over straight-line distance
     * @param approachMetres how far from the destination a driver starts looking for parking
     */
    public record Driving(double searchSpeedKmh, double detourFactor, double approachMetres) {}

    /**
     * @param searchRadiusMetres lots a driver considers, around the destination
     * @param giveUpAfterLots a driver leaves the district after finding this many lots full
     * @param giveUpAfterMinutes or after searching this long
     * @param lotCheckMinutes time lost at a full lot (queueing at its gate, reading its sign)
     */
    public record NoInformation(
            double searchRadiusMetres, int giveUpAfterLots, double giveUpAfterMinutes, double lotCheckMinutes) {}

    /** @param divertBelowFree the unit sign shows FULL below this many free spaces, sending drivers to park-and-ride */
    public record ZoneSigns(int divertBelowFree) {}

    /**
     * Drivers going to destinations of one kind (near the unit's lots of the matching kind).
     *
     * @param lotKinds the lot kinds whose surroundings are this demand's destinations
     * @param weekdayArrivals, weekendArrivals cars arriving over the whole day
     * @param weekdayProfile, weekendProfile 24 relative weights, one per local hour
     * @param stayMedianMinutes, staySigma stays are log-normal
     */
    public record Demand(
            List<String> lotKinds,
            int weekdayArrivals,
            int weekendArrivals,
            List<Double> weekdayProfile,
            List<Double> weekendProfile,
            double stayMedianMinutes,
            double staySigma) {

        int arrivals(DayKind day) {
            return day == DayKind.WEEKEND ? weekendArrivals : weekdayArrivals;
        }

        List<Double> profile(DayKind day) {
            return day == DayKind.WEEKEND ? weekendProfile : weekdayProfile;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Scenario read(Path file) {
        try {
            return YAML.readValue(file.toFile(), Scenario.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    public static Scenario fromResource(String name) {
        try (var in = Scenario.class.getResourceAsStream("/scenarios/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped scenario " + name);
            }
            return YAML.readValue(in, Scenario.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
