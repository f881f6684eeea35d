package city.parkgrid.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The adversarial sweep (issue 18), kept: every operation of openapi.yaml is driven with
 * malformed bodies (wrong types, missing and extra fields, huge strings, NUL and control
 * characters, duplicate keys, wrong or missing Content-Type), bad paths and queries (bad
 * escapes, NUL, overlong URIs, NaN, out-of-range numbers) and the authorization matrix (no
 * token, a forged one, the wrong role, another operator's lot, another driver's account) for
 * every secured operation. Every answer must be a 4xx RFC 9457 problem document whose detail
 * neither echoes the input nor names an internal class, and the platform's state, read back
 * before and after each operation's cases, must not have changed.
 *
 * <p>The cases are generated from the document: its operations, their parameters and their
 * request schemas. What a schema cannot say is given here once per secured operation: a body the
 * operation accepts (so that each case carries exactly one fault) and who may call it. An
 * operation the document gains without such an entry is itself a finding. Not thread-safe; one
 * sweep per platform.
 */
public final class AdversarialSweep {

    /** Who sends a request. */
    public enum Who {
        NOBODY,
        BUREAU,
        OPERATOR,
        OTHER_OPERATOR,
        DRIVER,
        OTHER_DRIVER,
        SERVICE
    }

    /** The bound plate of {@link Who#DRIVER}'s account. */
    public static final String DRIVERS_PLATE = "沪A12345";

    private static final String HUGE = "x".repeat(100_000);
    private static final Pattern LEAK = Pattern.compile(
            "Exception|com\\.fasterxml|io\\.vertx|io\\.netty|java\\.|org\\.|jackson|lettuce|postgres|SQL",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f-\\x9f]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Map<Who, String> tokens;
    private final String driverId;
    private final String otherDriverId;
    private final JsonNode document;
    private final List<String> findings = new ArrayList<>();
    private final Map<String, String> ids = new TreeMap<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private int requests;

    /** An operation of the document. */
    private record Operation(String method, String template, String id, JsonNode spec, JsonNode pathItem) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /**
     * What the document cannot say about a secured operation.
     *
     * @param as who sends the malformed cases (one who may call it, so no refusal masks them)
     * @param allowed who may call it: everyone else must be refused 401/403/404
     * @param contentType the body's media type, null without a body
     * @param body a body the operation accepts, changing the state (so a case applied by mistake
     *     shows), null without a body
     */
    private record Secured(Who as, Set<Who> allowed, String contentType, String body) {}

    /**
     * @param port the platform's HTTP port on 127.0.0.1
     * @param tokens every {@link Who} but {@link Who#NOBODY}'s bearer token
     * @param driverId {@link Who#DRIVER}'s id, which is their account's
     * @param otherDriverId {@link Who#OTHER_DRIVER}'s, who has no account
     */
    public AdversarialSweep(int port, Map<Who, String> tokens, String driverId, String otherDriverId) {
        this.port = port;
        this.tokens = tokens;
        this.driverId = driverId;
        this.otherDriverId = otherDriverId;
        try (InputStream in = AdversarialSweep.class.getResourceAsStream("/openapi.yaml")) {
            this.document = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests sent so far. */
    public int requests() {
        return requests;
    }

    /** Everything that broke a rule, one line each; empty when the platform held. */
    public List<String> findings() {
        return findings;
    }

    /**
     * Sets up what the cases refer to (an account with a bound plate, a tariff, a hold, a
     * schedule, a resident), then runs every case. Returns the findings.
     */
    public List<String> run() {
        prepare();
        Map<String, String> first = snapshot();
        if (!first.equals(snapshot())) {
            findings.add("the state read back is not stable without any request: " + first);
        }
        for (Operation operation : operations()) {
            Map<String, String> before = snapshot();
            Secured secured = secured(operation);
            if (operation.spec().has("security") && secured == null) {
                findings.add(operation + ": a secured operation without authorization cases in the sweep");
            }
            pathCases(operation, secured);
            queryCases(operation, secured);
            if (secured != null) {
                bodyCases(operation, secured);
                authorizationCases(operation, secured);
            } else if (operation.spec().has("requestBody")) {
                bodyCases(
                        operation,
                        new Secured(Who.NOBODY, EnumSet.allOf(Who.class), "application/json", publicBody(operation)));
            }
            Map<String, String> after = snapshot();
            before.forEach((path, body) -> {
                if (!body.equals(after.get(path))) {
                    findings.add(operation + ": the state changed at " + path + ": " + cut(body) + " → "
                            + cut(after.get(path)));
                }
            });
        }
        return findings;
    }

    // --- the cases ---------------------------------------------------------------------------

    private void pathCases(Operation operation, Secured secured) {
        Who as = secured == null ? Who.NOBODY : secured.as();
        for (String name : parameters(operation, "path")) {
            for (String bad : List.of("%zz", "%E0%A4%A", "%00", "a%07b", "NaN", "x".repeat(1_000), "x".repeat(5_000))) {
                String target = path(operation, name, bad) + requiredQuery(operation, null, null);
                expectRefusal(operation, "path " + name + "=" + cut(bad), as, operation.method(), target, null, null);
            }
        }
    }

    private void queryCases(Operation operation, Secured secured) {
        Who as = secured == null ? Who.NOBODY : secured.as();
        for (JsonNode parameter : parameterSpecs(operation, "query")) {
            String name = parameter.get("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            List<String> bad = new ArrayList<>(List.of("%zz", "%E0%A4%A"));
            String type = schema.path("type").asText("string");
            if (type.equals("integer") || type.equals("number")) {
                bad.addAll(List.of("NaN", "Infinity", "1e999", "12abc", "99999999999999999999999"));
            }
            if (schema.has("enum")) {
                bad.add("NOT_AN_OPTION");
            }
            if (schema.path("format").asText().equals("date-time")
                    || name.equals("from")
                    || name.equals("to")
                    || name.equals("at")) {
                bad.addAll(List.of("%2B999999999-12-31T23%3A59%3A59Z", "2026-02-30T25%3A00%3A00Z", "NaN"));
            }
            if (name.equals("near")) {
                bad.addAll(List.of("NaN,121.5", "31.3,NaN", "91,0", "31.3"));
            }
            if (name.equals("date")) {
                bad.addAll(List.of("2026-13-45", "NaN", "%2B999999999-12-31"));
            }
            for (String value : bad) {
                String target = path(operation, null, null) + requiredQuery(operation, name, value);
                expectRefusal(
                        operation, "query " + name + "=" + cut(value), as, operation.method(), target, null, name);
            }
        }
        String overlong = path(operation, null, null) + "?q=" + "9".repeat(5_000);
        expectRefusal(operation, "an overlong URI", as, operation.method(), overlong, null, null);
    }

    private void bodyCases(Operation operation, Secured secured) {
        if (secured.body() == null) {
            return;
        }
        String target = path(operation, null, null) + requiredQuery(operation, null, null);
        String method = operation.method();
        Who as = secured.as();
        // media types
        expectRefusal(
                operation,
                "Content-Type text/plain",
                as,
                method,
                target,
                Map.of("Content-Type", "text/plain"),
                secured.body(),
                null);
        expectRefusal(operation, "no Content-Type", as, method, target, Map.of(), secured.body(), null);
        JsonNode schema = requestSchema(operation);
        if (schema == null || !secured.contentType().contains("json")) {
            expectRefusal(
                    operation,
                    "an empty body",
                    as,
                    method,
                    target,
                    Map.of("Content-Type", secured.contentType()),
                    "",
                    null);
            expectRefusal(
                    operation,
                    "a body of NUL",
                    as,
                    method,
                    target,
                    Map.of("Content-Type", secured.contentType()),
                    "\u0000\u0000",
                    null);
            return;
        }
        Consumer<String> send = body -> expectRefusal(
                operation,
                "body " + cut(body),
                as,
                method,
                target,
                Map.of("Content-Type", secured.contentType()),
                body,
                null);
        // syntax
        for (String broken :
                List.of("", "{", "{\"a\":}", "[1,]", "{\"x\": NaN}", secured.body() + " x", "\u0000", "nul\u0000l")) {
            send.accept(broken);
        }
        JsonNode base = parse(secured.body());
        // the root of another type
        for (String other :
                base.isArray() ? List.of("{}", "\"s\"", "42", "null") : List.of("[]", "\"s\"", "42", "null", "true")) {
            send.accept(other);
        }
        // a duplicate key
        ObjectNode firstObject = base.isArray() ? (ObjectNode) base.get(0) : (ObjectNode) base;
        String key = firstObject.fieldNames().next();
        String duplicated = "{" + JSON.valueToTree(key) + ":" + firstObject.get(key) + ","
                + firstObject.toString().substring(1);
        send.accept(base.isArray() ? "[" + duplicated + "]" : duplicated);
        // each field: missing when required, of the wrong type, too big, with control characters
        faults(schema, base, "", fault -> send.accept(fault.toString()), base);
        // an extra field with a hostile name, beside a missing required one: refused, and not echoed
        JsonNode required = resolveAll(schema).path("required");
        if (required.size() > 0) {
            JsonNode copy = base.deepCopy();
            ObjectNode object = copy.isArray() ? (ObjectNode) copy.get(0) : (ObjectNode) copy;
            object.remove(required.get(0).asText());
            object.put(HUGE.substring(0, 5_000) + "\u0000", "extra");
            send.accept(copy.toString());
        }
    }

    /** Calls {@code sink} with a copy of {@code root} for each single fault at {@code node}'s fields. */
    private void faults(JsonNode schema, JsonNode node, String at, Consumer<JsonNode> sink, JsonNode root) {
        JsonNode s = resolveAll(schema);
        if (node.isArray()) {
            if (node.size() > 0 && s.has("items")) {
                faults(s.get("items"), node.get(0), at + "/0", sink, root);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (String name : s.path("required").isArray() ? names(s.get("required")) : List.<String>of()) {
            if (node.has(name)) {
                sink.accept(replaced(root, at, name, null));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> properties = s.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            JsonNode ps = resolveAll(property.getValue());
            if (ps.path("readOnly").asBoolean()) {
                // an answer's field (OpenAPI readOnly): a request's copy is ignored, as unknown fields are
                continue;
            }
            for (JsonNode bad : badValues(ps, name)) {
                sink.accept(replaced(root, at, name, bad));
            }
            if (node.has(name)) {
                faults(ps, node.get(name), at + "/" + name, sink, root);
            }
        }
    }

    private List<JsonNode> badValues(JsonNode schema, String name) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> bad = new ArrayList<>();
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asText()
                : schema.path("type").asText("");
        switch (type) {
            case "string" -> {
                bad.add(f.numberNode(12345));
                bad.add(f.objectNode());
                bad.add(f.textNode(HUGE));
                bad.add(f.textNode("a\u0000b"));
                bad.add(f.textNode("a\u0007b\u009b"));
                if (schema.has("enum") || schema.has("const")) {
                    bad.add(f.textNode("NOT_A_VALUE"));
                }
                if (schema.path("format").asText().equals("date-time") || name.equals("until") || name.equals("at")) {
                    bad.add(f.textNode("+999999999-12-31T23:59:59Z"));
                    bad.add(f.textNode("2026-02-30T25:00:00Z"));
                    bad.add(f.textNode("1969-12-31T23:59:59Z"));
                }
            }
            case "integer", "number" -> {
                bad.add(f.textNode("12"));
                bad.add(f.booleanNode(true));
                bad.add(f.numberNode(new java.math.BigInteger("99999999999999999999999")));
                bad.add(f.numberNode(new java.math.BigDecimal("1e400")));
                if (type.equals("integer")) {
                    bad.add(f.numberNode(1.5));
                }
                if (schema.has("minimum")) {
                    bad.add(f.numberNode(schema.get("minimum").asDouble() - 1));
                }
                if (schema.has("exclusiveMinimum")) {
                    bad.add(f.numberNode(schema.get("exclusiveMinimum").asDouble()));
                }
                if (schema.has("maximum")) {
                    bad.add(f.numberNode(schema.get("maximum").asDouble() + 1));
                }
            }
            case "boolean" -> bad.add(f.textNode("yes"));
            case "object" -> {
                bad.add(f.arrayNode());
                bad.add(f.textNode("x"));
            }
            case "array" -> {
                bad.add(f.objectNode());
                bad.add(f.textNode("x"));
                if (schema.has("items")
                        && resolveAll(schema.get("items")).path("type").asText().equals("string")) {
                    bad.add(f.arrayNode().add(12345));
                    bad.add(f.arrayNode().add("a\u0000b"));
                    bad.add(f.arrayNode().add(HUGE));
                }
            }
            default -> {}
        }
        return bad;
    }

    private void authorizationCases(Operation operation, Secured secured) {
        String target = path(operation, null, null) + requiredQuery(operation, null, null);
        Map<String, String> type =
                secured.contentType() == null ? Map.of() : Map.of("Content-Type", secured.contentType());
        for (Who who : Who.values()) {
            if (secured.allowed().contains(who)) {
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>(type);
            if (who != Who.NOBODY) {
                headers.put("Authorization", "Bearer " + tokens.get(who));
            }
            RawHttp.Reply reply = send(operation.method(), target, headers, secured.body());
            check(operation, "as " + who, reply, null);
            Set<Integer> refusals = who == Who.NOBODY ? Set.of(401) : Set.of(403, 404);
            if (!refusals.contains(reply.status())) {
                findings.add(operation + " as " + who + ": expected " + refusals + ", got " + reply);
            }
        }
        Map<String, String> forged = new LinkedHashMap<>(type);
        forged.put("Authorization", "Bearer pgk_forged-" + "0".repeat(40));
        RawHttp.Reply reply = send(operation.method(), target, forged, secured.body());
        check(operation, "with a forged token", reply, null);
        if (reply.status() != 401) {
            findings.add(operation + " with a forged token: expected 401, got " + reply);
        }
    }

    /** Sends one case; its answer must be a 4xx problem document that leaks nothing. */
    private void expectRefusal(
            Operation operation, String what, Who as, String method, String target, String body, String field) {
        expectRefusal(
                operation,
                what,
                as,
                method,
                target,
                body == null ? Map.of() : Map.of("Content-Type", "application/json"),
                body,
                field);
    }

    private void expectRefusal(
            Operation operation,
            String what,
            Who as,
            String method,
            String target,
            Map<String, String> headers,
            String body,
            String field) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (as != Who.NOBODY) {
            all.put("Authorization", "Bearer " + tokens.get(as));
        }
        check(operation, what, send(method, target, all, body), field);
    }

    private void check(Operation operation, String what, RawHttp.Reply reply, String field) {
        String seen = operation + " " + what + ": " + reply;
        if (reply.status() < 400 || reply.status() > 499) {
            findings.add(seen + " (not a 4xx)");
            return;
        }
        if (!reply.header("content-type").startsWith("application/problem+json")) {
            findings.add(seen + " (not a problem document)");
            return;
        }
        JsonObject problem;
        try {
            problem = new JsonObject(reply.body());
        } catch (RuntimeException e) {
            findings.add(seen + " (a problem that is not JSON)");
            return;
        }
        String detail = String.valueOf(problem.getString("detail"));
        if (problem.getInteger("status", -1) != reply.status()
                || problem.getString("title", "").isBlank()
                || !problem.containsKey("type")) {
            findings.add(seen + " (status, title or type missing)");
        }
        if (LEAK.matcher(detail).find()) {
            findings.add(seen + " (the detail names an internal class or store)");
        }
        if (detail.contains("x".repeat(65))
                || detail.contains("9".repeat(65))
                || CONTROL.matcher(detail).find()
                || detail.length() > 240
                || reply.body().length() > 2_000) {
            findings.add(seen + " (the detail echoes the input)");
        }
        if (field != null
                && problem.containsKey("field")
                && !problem.getString("field").startsWith(field)) {
            findings.add(seen + " (names the field " + problem.getString("field") + ", not " + field + ")");
        }
    }

    private RawHttp.Reply send(String method, String target, Map<String, String> headers, String body) {
        requests++;
        return RawHttp.send(port, method, target, headers, body);
    }

    // --- what the cases refer to -------------------------------------------------------------

    private void prepare() {
        must(
                "POST",
                "/v1/accounts",
                Who.DRIVER,
                new JsonObject()
                        .put("plates", new JsonArray().add(DRIVERS_PLATE))
                        .put("paymentMethod", new JsonObject().put("type", "PREPAID")),
                201);
        must(
                "POST",
                "/v1/accounts/" + driverId + "/topups",
                Who.DRIVER,
                new JsonObject().put("amountFen", 5_000).put("idempotencyKey", "sweep-setup"),
                201);
        must("PUT", "/v1/lots/wanda-plaza/tariff", Who.OPERATOR, tariff(1_000), 200);
        ids.put(
                "allocationId",
                must(
                                "POST",
                                "/v1/allocations",
                                Who.DRIVER,
                                new JsonObject().put("plate", DRIVERS_PLATE).put("lotId", "wanda-plaza"),
                                201)
                        .getString("id"));
        ids.put(
                "scheduleId",
                must("POST", "/v1/zones/wujiaochang/schedules", Who.BUREAU, schedule(), 201)
                        .getString("id"));
        ids.put(
                "residentId",
                must(
                                "POST",
                                "/v1/residents",
                                Who.SERVICE,
                                new JsonObject()
                                        .put("communityId", "wjc-sub-square")
                                        .put("plates", new JsonArray().add("沪C30001")),
                                201)
                        .getString("id"));
    }

    private JsonObject must(String method, String path, Who as, JsonObject body, int status) {
        RawHttp.Reply reply = send(
                method,
                path,
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + tokens.get(as)),
                body.encode());
        if (reply.status() != status) {
            throw new IllegalStateException("the sweep's setup " + method + " " + path + " answered " + reply);
        }
        return new JsonObject(reply.body());
    }

    /** What the platform holds, as read back through the API: what any accepted case would change. */
    private Map<String, String> snapshot() {
        Map<String, String> reads = new TreeMap<>();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(3);
        Map<String, Who> paths = new LinkedHashMap<>();
        paths.put("/v1/lots/wanda-plaza", Who.NOBODY);
        paths.put("/v1/lots?zone=wujiaochang", Who.NOBODY);
        paths.put("/v1/zones", Who.NOBODY);
        paths.put("/v1/zones/wujiaochang/control", Who.NOBODY);
        paths.put("/v1/zones/wujiaochang/schedules", Who.NOBODY);
        paths.put("/v1/zones/wujiaochang/trigger", Who.NOBODY);
        paths.put("/v1/zones/wujiaochang/audit", Who.BUREAU);
        paths.put("/v1/lots/wanda-plaza/tariff", Who.NOBODY);
        paths.put("/v1/lots/wanda-plaza/tariffs", Who.NOBODY);
        paths.put("/v1/zones/wujiaochang/pricing", Who.BUREAU);
        paths.put("/v1/accounts/" + driverId, Who.DRIVER);
        paths.put("/v1/accounts/" + driverId + "/sessions", Who.DRIVER);
        paths.put("/v1/accounts/" + otherDriverId, Who.OTHER_DRIVER);
        paths.put("/v1/allocations/" + ids.get("allocationId"), Who.DRIVER);
        paths.put("/v1/residents/" + ids.get("residentId"), Who.SERVICE);
        paths.put("/v1/ledger/trial-balance", Who.BUREAU);
        paths.put("/v1/settlement/unmatched-exits", Who.BUREAU);
        paths.put(
                "/v1/lots/wanda-plaza/history?from="
                        + day.atStartOfDay(ZoneId.of("UTC")).toInstant() + "&to="
                        + day.plusDays(2).atStartOfDay(ZoneId.of("UTC")).toInstant() + "&step=PT1H",
                Who.NOBODY);
        paths.forEach((path, who) -> {
            Map<String, String> headers =
                    who == Who.NOBODY ? Map.of() : Map.of("Authorization", "Bearer " + tokens.get(who));
            RawHttp.Reply reply = send("GET", path, headers, null);
            reads.put(path, reply.status() + " " + reply.body());
        });
        return reads;
    }

    private Secured secured(Operation operation) {
        Set<Who> operatorOnly = EnumSet.of(Who.OPERATOR, Who.BUREAU);
        Set<Who> bureau = EnumSet.of(Who.BUREAU);
        Set<Who> driverOrBureau = EnumSet.of(Who.DRIVER, Who.BUREAU);
        String json = "application/json";
        return switch (operation.id()) {
            case "putLot" ->
                new Secured(
                        Who.OPERATOR,
                        operatorOnly,
                        json,
                        new JsonObject()
                                .put("nameEn", "Swept")
                                .put("capacity", 777)
                                .encode());
            case "postGateEvents" ->
                new Secured(
                        Who.OPERATOR,
                        operatorOnly,
                        json,
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("eventId", "sweep-1")
                                        .put("type", "ENTRY")
                                        .put("plate", "沪B99999")
                                        .put("at", now.minusSeconds(60).toString()))
                                .encode());
            case "importHistory" ->
                new Secured(
                        Who.BUREAU,
                        bureau,
                        "text/csv",
                        "lotId,at,occupied\nwanda-plaza,"
                                + now.minus(3, ChronoUnit.DAYS)
                                        .truncatedTo(ChronoUnit.HOURS)
                                        .plusSeconds(3600) + ",10\n");
            case "putTariff" ->
                new Secured(Who.OPERATOR, operatorOnly, json, tariff(1_234).encode());
            case "putOccupancySnapshot" ->
                new Secured(
                        Who.OPERATOR,
                        operatorOnly,
                        json,
                        new JsonObject()
                                .put("occupied", 5)
                                .put("at", now.toString())
                                .encode());
            case "putLotStatus" ->
                new Secured(
                        Who.OPERATOR,
                        operatorOnly,
                        json,
                        new JsonObject().put("status", "CLOSED").encode());
            case "putZone" -> new Secured(Who.BUREAU, bureau, "application/geo+json", square());
            case "putZoneControl" ->
                new Secured(
                        Who.BUREAU,
                        bureau,
                        json,
                        new JsonObject()
                                .put("mode", "MANAGED")
                                .put("reason", "sweep")
                                .put("until", now.plusSeconds(3600).toString())
                                .encode());
            case "addSchedule" ->
                new Secured(Who.BUREAU, bureau, json, schedule().encode());
            case "deleteSchedule", "getZoneAudit", "getTrialBalance", "listUnmatchedExits" ->
                new Secured(Who.BUREAU, bureau, null, null);
            case "putTrigger" ->
                new Secured(
                        Who.BUREAU,
                        bureau,
                        json,
                        new JsonObject()
                                .put("occupancyAbove", 0.9)
                                .put("forMinutes", 10)
                                .put("mode", "MANAGED")
                                .encode());
            // an operator may feed its own lots; another's records are refused one by one (200)
            case "postDatex2ParkingStatus" ->
                new Secured(
                        Who.BUREAU,
                        EnumSet.of(Who.BUREAU, Who.OPERATOR, Who.OTHER_OPERATOR),
                        "application/xml",
                        "<d2:payload xmlns:d2=\"http://levelC/schema/3/d2Payload\"/>");
            case "postResident" ->
                new Secured(
                        Who.SERVICE,
                        EnumSet.of(Who.SERVICE, Who.BUREAU),
                        json,
                        new JsonObject()
                                .put("communityId", "wjc-sub-square")
                                .put("plates", new JsonArray().add("沪C55555"))
                                .encode());
            case "getResident" -> new Secured(Who.SERVICE, EnumSet.of(Who.SERVICE, Who.BUREAU), null, null);
            case "postGuidance" -> new Secured(Who.NOBODY, EnumSet.allOf(Who.class), json, publicBody(operation));
            // another driver holding for this driver's bound plate is refused (no squatting)
            case "postAllocation" ->
                new Secured(
                        Who.DRIVER,
                        EnumSet.of(Who.DRIVER, Who.BUREAU),
                        json,
                        new JsonObject()
                                .put("plate", DRIVERS_PLATE)
                                .put("lotId", "wanda-plaza")
                                .encode());
            case "getAllocation", "deleteAllocation", "getAccount", "listAccountSessions", "removeAccountPlate" ->
                new Secured(Who.DRIVER, driverOrBureau, null, null);
            case "openAccount" ->
                new Secured(
                        Who.OTHER_DRIVER,
                        EnumSet.of(Who.DRIVER, Who.OTHER_DRIVER, Who.BUREAU),
                        json,
                        new JsonObject()
                                .put("plates", new JsonArray().add("沪B77777"))
                                .put("paymentMethod", new JsonObject().put("type", "PREPAID"))
                                .encode());
            case "addAccountPlate" ->
                new Secured(
                        Who.DRIVER,
                        driverOrBureau,
                        json,
                        new JsonObject().put("plate", "沪A54321").encode());
            case "topUpAccount" ->
                new Secured(
                        Who.DRIVER,
                        driverOrBureau,
                        json,
                        new JsonObject()
                                .put("amountFen", 100)
                                .put("idempotencyKey", "sweep-topup")
                                .encode());
            case "getOperatorSettlement" -> new Secured(Who.OPERATOR, operatorOnly, null, null);
            // demand-responsive pricing is the bureau's alone, reads included
            case "getZonePricing", "getPricingReview", "postPricingReview" ->
                new Secured(Who.BUREAU, bureau, null, null);
            case "putZonePricing" ->
                new Secured(Who.BUREAU, bureau, json, pricingPolicy().encode());
            case "approvePricingReview" ->
                new Secured(
                        Who.BUREAU,
                        bureau,
                        json,
                        new JsonObject()
                                .put(
                                        "effectiveFrom",
                                        now.plus(2, ChronoUnit.DAYS).toString())
                                .encode());
            default -> null;
        };
    }

    private String publicBody(Operation operation) {
        return new JsonObject()
                .put("destination", new JsonObject().put("lat", 31.2995).put("lon", 121.514))
                .encode();
    }

    private static JsonObject pricingPolicy() {
        return new JsonObject()
                .put("targetLow", 0.6)
                .put("targetHigh", 0.8)
                .put("stepUpFen", 200)
                .put("stepDownFen", 200)
                .put("bigStepDownFen", 500)
                .put("bigStepBelow", 0.3)
                .put("minFen", 500)
                .put("maxFen", 1_500)
                .put("minIntervalDays", 28)
                .put(
                        "bands",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("days", new JsonArray().add("MON").add("TUE"))
                                        .put("from", "09:00")
                                        .put("to", "18:00")))
                .put("statistic", "mean")
                .put("lookbackDays", 28)
                .put("mode", "REVIEW");
    }

    private static JsonObject tariff(int dayRateFen) {
        return new JsonObject()
                .put("freeMinutes", 15)
                .put("dayRateFen", dayRateFen)
                .put("nightRateFen", 500)
                .put("dayStarts", "08:00")
                .put("nightStarts", "20:00")
                .put("dailyCapFen", 6_000);
    }

    private static JsonObject schedule() {
        return new JsonObject()
                .put("mode", "MANAGED")
                .put("days", new JsonArray().add("SAT").add("SUN"))
                .put("from", "10:00")
                .put("to", "18:00")
                .put("policy", new JsonObject().put("targetOccupancy", 0.9));
    }

    private static String square() {
        JsonArray ring = new JsonArray();
        for (double[] c : new double[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}}) {
            ring.add(new JsonArray().add(121.512 + c[0] * 0.01).add(31.3012 + c[1] * 0.01));
        }
        return new JsonObject()
                .put("type", "Feature")
                .put("properties", new JsonObject().put("nameZh", "扫").put("nameEn", "Swept"))
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)))
                .encode();
    }

    // --- the document --------------------------------------------------------------------------

    private List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        document.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (!op.getKey().equals("parameters")) {
                        all.add(new Operation(
                                op.getKey().toUpperCase(Locale.ROOT),
                                path.getKey(),
                                op.getValue().path("operationId").asText(),
                                op.getValue(),
                                path.getValue()));
                    }
                }));
        return all;
    }

    private List<JsonNode> parameterSpecs(Operation operation, String in) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode list : List.of(
                operation.pathItem().path("parameters"), operation.spec().path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode parameter = resolve(p);
                if (parameter.path("in").asText().equals(in)) {
                    out.add(parameter);
                }
            }
        }
        return out;
    }

    private List<String> parameters(Operation operation, String in) {
        return parameterSpecs(operation, in).stream()
                .map(p -> p.get("name").asText())
                .toList();
    }

    /** The operation's path with real ids, {@code bad} in place of parameter {@code name}. */
    private String path(Operation operation, String name, String bad) {
        String path = operation.template();
        for (String p : parameters(operation, "path")) {
            String value = p.equals(name) ? bad : encode(pathValue(p));
            path = path.replace("{" + p + "}", value);
        }
        return path;
    }

    private String pathValue(String name) {
        return switch (name) {
            case "lotId", "featureId", "placeId" -> "wanda-plaza";
            case "zoneId" -> "wujiaochang";
            case "accountId" -> driverId;
            case "plate" -> DRIVERS_PLATE;
            case "regionId" -> "wjc-sub-square";
            case "operatorId" -> "op-wanda";
            case "reviewId" -> "wujiaochang-2026-01-01";
            case "collectionId" -> "lots";
            case "entityId" -> "urn:ngsi-ld:OffStreetParking:wanda-plaza";
            case "asset" -> "app.js";
            default -> ids.getOrDefault(name, "x");
        };
    }

    /** The query of the operation's required parameters, {@code value} (raw) for {@code name}. */
    private String requiredQuery(Operation operation, String name, String value) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameterSpecs(operation, "query")) {
            String p = parameter.get("name").asText();
            String v = p.equals(name) ? value : parameter.path("required").asBoolean() ? encode(queryValue(p)) : null;
            if (v != null) {
                query.append(query.length() == 0 ? '?' : '&')
                        .append(p)
                        .append('=')
                        .append(v);
            }
        }
        return query.toString();
    }

    private String queryValue(String name) {
        return switch (name) {
            case "lat", "latitude" -> "31.2995";
            case "lon", "longitude" -> "121.514";
            case "date" -> LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            case "type" -> "OffStreetParking";
            case "zone" -> "wujiaochang";
            default -> "1";
        };
    }

    private JsonNode requestSchema(Operation operation) {
        JsonNode content = operation.spec().path("requestBody").path("content");
        Iterator<String> types = content.fieldNames();
        while (types.hasNext()) {
            String type = types.next();
            if (type.contains("json")) {
                return resolve(content.get(type).path("schema"));
            }
        }
        return null;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode at = node;
        for (int depth = 0; at.has("$ref") && depth < 10; depth++) {
            at = document;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                at = at.path(part);
            }
            node = at;
        }
        return at;
    }

    /** A schema with its $refs resolved and an allOf merged into one object schema. */
    private JsonNode resolveAll(JsonNode schema) {
        JsonNode s = resolve(schema);
        if (!s.has("allOf")) {
            return s;
        }
        ObjectNode merged = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = merged.putObject("properties");
        ArrayNode required = merged.putArray("required");
        for (JsonNode part : s.get("allOf")) {
            JsonNode r = resolveAll(part);
            r.path("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), e.getValue()));
            r.path("required").forEach(required::add);
        }
        return merged;
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A copy of {@code root} with field {@code name} of the object at {@code at} replaced (removed when null). */
    private static JsonNode replaced(JsonNode root, String at, String name, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode target = at.isEmpty() ? copy : copy.at(at);
        if (target instanceof ObjectNode object) {
            if (value == null) {
                object.remove(name);
            } else {
                object.set(name, value);
            }
        }
        return copy;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String cut(String text) {
        if (text == null) {
            return "null";
        }
        String clean = CONTROL.matcher(text).replaceAll("·");
        return clean.length() > 120 ? clean.substring(0, 120) + "…(" + clean.length() + ")" : clean;
    }
}
