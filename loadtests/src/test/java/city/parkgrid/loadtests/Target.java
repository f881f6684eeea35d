package city.parkgrid.loadtests;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Where and how hard the simulations drive: system properties set by {@code loadtests/run.sh}.
 * Only loopback targets are accepted: load is never sent off this machine.
 */
final class Target {

    static final String BASE_URL = System.getProperty("parkgrid.baseUrl", "http://127.0.0.1:8080");
    static final int USERS = Integer.getInteger("parkgrid.users", 16);
    /**
     * One driver per concurrent user, each always with the same plate: the platform lets a driver
     * without an account hold for one plate at a time, so one driver cannot stand for many.
     */
    static final List<String> DRIVER_TOKENS = List.of(System.getProperty(
                    "parkgrid.driverTokens",
                    IntStream.range(0, USERS)
                            .mapToObj(n -> "dev-driver-load-" + n)
                            .collect(Collectors.joining(",")))
            .split(","));

    static final int SECONDS = Integer.getInteger("parkgrid.seconds", 30);

    private static final AtomicLong REQUESTS = new AtomicLong();

    static {
        String host = URI.create(BASE_URL).getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
            throw new IllegalArgumentException("load tests target loopback only, not " + host);
        }
    }

    private Target() {}

    static HttpProtocolBuilder protocol() {
        return http.baseUrl(BASE_URL)
                .contentTypeHeader("application/json")
                .acceptHeader("application/json")
                .shareConnections();
    }

    /** Destinations spread over the Wujiaochang unit (about ±700 m around the five-road junction). */
    static Iterator<Map<String, Object>> destinations() {
        return Stream.generate(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    double lat = 31.2995 + (random.nextDouble() - 0.5) * 0.012;
                    double lon = 121.5140 + (random.nextDouble() - 0.5) * 0.014;
                    int driver = (int) (REQUESTS.getAndIncrement() % DRIVER_TOKENS.size());
                    return Map.<String, Object>of(
                            "lat",
                            lat,
                            "lon",
                            lon,
                            "plate",
                            "沪L" + (10000 + driver),
                            "token",
                            DRIVER_TOKENS.get(driver));
                })
                .iterator();
    }
}
