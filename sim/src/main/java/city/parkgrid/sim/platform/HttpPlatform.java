package city.parkgrid.sim.platform;

import city.parkgrid.catalog.Geography;
import city.parkgrid.geo.GeoPoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A running ParkGrid (in {@code dev} mode, with its documented dev tokens) driven over HTTP, for
 * {@code ./parkgrid sim --target URL}. Events carry the wall-clock time, since the server checks
 * event times against its own clock. Only loopback targets are accepted: a simulation is load, and
 * load is never sent off this machine. Not thread-safe (the simulation is single-threaded).
 */
public final class HttpPlatform implements ParkingPlatform {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Geography geography;
    private final String eventPrefix = "sim" + System.currentTimeMillis() + "-";
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private int granted;
    private int fulfilled;

    public HttpPlatform(String baseUrl, Geography geography) {
        String host = URI.create(baseUrl).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
            throw new IllegalArgumentException("the simulator drives loopback targets only, not " + host);
        }
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.geography = geography;
    }

    private record Reply(int status, JsonNode body) {}

    private Reply send(String method, String path, String token, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Content-Type", "application/json");
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public AllocationAnswer allocate(
            String driverId,
            String plate,
            GeoPoint destination,
            GeoPoint origin,
            Instant arriveAt,
            double maxWalkMetres,
            int holdMinutes,
            Instant now) {
        ObjectNode body = JSON.createObjectNode()
                .put("plate", plate)
                .put("maxWalkMeters", (int) maxWalkMetres)
                .put("holdSeconds", holdMinutes * 60);
        body.putObject("destination").put("lat", destination.lat()).put("lon", destination.lon());
        if (origin != null) {
            body.putObject("origin").put("lat", origin.lat()).put("lon", origin.lon());
        }
        Reply reply = send("POST", "/v1/allocations", "dev-driver-sim", body);
        if (reply.status() == 201) {
            granted++;
            return new AllocationAnswer(
                    new Allocation(
                            reply.body().get("id").asText(),
                            reply.body().get("lotId").asText(),
                            reply.body().get("walkMeters").asDouble(),
                            Instant.parse(reply.body().get("expiresAt").asText())),
                    List.of());
        }
        List<String> alternatives = new ArrayList<>();
        if (reply.body() != null && reply.body().has("alternatives")) {
            reply.body()
                    .get("alternatives")
                    .forEach(a -> alternatives.add(a.get("lotId").asText()));
        }
        return new AllocationAnswer(null, alternatives);
    }

    private JsonNode occupancy(String lotId) {
        return send("GET", "/v1/lots/" + lotId, null, null).body().get("occupancy");
    }

    @Override
    public int free(String lotId) {
        return occupancy(lotId).get("free").asInt();
    }

    @Override
    public void gate(String lotId, String eventId, boolean entry, String plate, Instant at) {
        ObjectNode event = JSON.createObjectNode()
                .put("eventId", eventPrefix + eventId)
                .put("type", entry ? "ENTRY" : "EXIT")
                .put("plate", plate)
                .put("at", Instant.now().toString());
        String operator = geography.getLot(lotId).operatorId();
        Reply reply = send(
                "POST",
                "/v1/lots/" + lotId + "/events",
                "dev-operator-" + operator,
                JSON.createArrayNode().add(event));
        JsonNode flag = reply.body() == null
                ? null
                : reply.body().path("results").path(0).get("flag");
        if (flag != null && "FULFILLED_HOLD".equals(flag.asText())) {
            fulfilled++;
        }
    }

    @Override
    public void fill(String lotId, int cars, Instant at) {
        ObjectNode body = JSON.createObjectNode()
                .put("occupied", cars)
                .put("at", Instant.now().toString());
        send(
                "PUT",
                "/v1/lots/" + lotId + "/occupancy",
                "dev-operator-" + geography.getLot(lotId).operatorId(),
                body);
    }

    @Override
    public void tick(Instant now) {
        // the server's own sweeper expires holds
    }

    @Override
    public int occupied(String lotId) {
        return occupancy(lotId).get("occupied").asInt();
    }

    /** Expired holds are not observed over HTTP; they are reported as 0. */
    @Override
    public HoldCounts holdCounts() {
        return new HoldCounts(granted, fulfilled, 0);
    }
}
