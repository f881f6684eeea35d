package city.parkgrid.pricing;

import city.parkgrid.InvalidInputException;
import city.parkgrid.money.Money;
import city.parkgrid.tariffs.BandRatesJson;
import city.parkgrid.tariffs.TimeBand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Policies and reviews as JSON, one shape for the wire ({@code PUT /v1/zones/{id}/pricing}, the
 * review answers) and for storage. Reading refuses bad input naming the field. Thread-safe.
 */
public final class PricingJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PricingJson() {}

    public static ObjectNode policy(PricingPolicy p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("zoneId", p.zoneId());
        o.put("targetLow", p.targetLow());
        o.put("targetHigh", p.targetHigh());
        o.put("stepUpFen", p.stepUp().fen());
        o.put("stepDownFen", p.stepDown().fen());
        o.put("bigStepDownFen", p.bigStepDown().fen());
        o.put("bigStepBelow", p.bigStepBelow());
        o.put("minFen", p.min().fen());
        o.put("maxFen", p.max().fen());
        o.put("minIntervalDays", p.minIntervalDays());
        ArrayNode bands = o.putArray("bands");
        p.bands().forEach(b -> bands.add(BandRatesJson.band(b)));
        o.put("statistic", p.statistic().name().toLowerCase(Locale.ROOT));
        o.put("lookbackDays", p.lookbackDays());
        o.put("mode", p.mode().name());
        o.put("setBy", p.setBy());
        o.put("setAt", p.setAt().toString());
        return o;
    }

    /** A policy from the bureau's body (or storage); {@code setBy}/{@code setAt} as given here. */
    public static PricingPolicy readPolicy(String zoneId, String json, String setBy, Instant setAt) {
        JsonNode o = tree(json);
        JsonNode bandsNode = o.get("bands");
        if (bandsNode == null || !bandsNode.isArray()) {
            throw new InvalidInputException("bands", "is required: an array of {days, from, to}");
        }
        List<TimeBand> bands = new ArrayList<>();
        for (int i = 0; i < bandsNode.size(); i++) {
            bands.add(BandRatesJson.band(bandsNode.get(i), "bands[" + i + "]"));
        }
        return new PricingPolicy(
                zoneId,
                share(o, "targetLow"),
                share(o, "targetHigh"),
                fen(o, "stepUpFen"),
                fen(o, "stepDownFen"),
                fen(o, "bigStepDownFen"),
                share(o, "bigStepBelow"),
                fen(o, "minFen"),
                fen(o, "maxFen"),
                integer(o, "minIntervalDays"),
                bands,
                enumOf(o, "statistic", PricingPolicy.Statistic.class),
                integer(o, "lookbackDays"),
                enumOf(o, "mode", PricingPolicy.Mode.class),
                setBy,
                setAt);
    }

    /** A stored policy (written by {@link #policy}), with who set it and when. */
    public static PricingPolicy readStoredPolicy(String zoneId, String json) {
        JsonNode o = tree(json);
        return readPolicy(
                zoneId,
                json,
                o.get("setBy").asText(),
                Instant.parse(o.get("setAt").asText()));
    }

    public static ObjectNode review(PricingReview r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id());
        o.put("zoneId", r.zoneId());
        o.put("createdAt", r.createdAt().toString());
        o.put("createdBy", r.createdBy());
        o.put("basis", r.basis());
        o.put("statistic", r.statistic().name().toLowerCase(Locale.ROOT));
        o.put("from", r.from().toString());
        o.put("to", r.to().toString());
        o.put("status", r.approved() ? "APPROVED" : "PROPOSED");
        if (r.approved()) {
            o.put("approvedAt", r.approvedAt().toString());
            o.put("approvedBy", r.approvedBy());
            o.put("effectiveFrom", r.effectiveFrom().toString());
        }
        ArrayNode proposals = o.putArray("proposals");
        for (Proposal p : r.proposals()) {
            ObjectNode n = proposals.addObject();
            n.put("lotId", p.lotId());
            n.set("band", BandRatesJson.band(p.band()));
            if (p.occupancy() != null) {
                n.put("occupancy", p.occupancy());
            }
            n.put("samples", p.samples());
            if (p.current() != null) {
                n.put("currentFen", p.current().fen());
                n.put("proposedFen", p.proposed().fen());
            }
            n.put("action", p.action().name());
            n.put("reason", p.reason());
        }
        return o;
    }

    /** A stored review (written by {@link #review}). */
    public static PricingReview readReview(String json) {
        JsonNode o = tree(json);
        List<Proposal> proposals = new ArrayList<>();
        for (JsonNode n : o.get("proposals")) {
            proposals.add(new Proposal(
                    n.get("lotId").asText(),
                    BandRatesJson.band(n.get("band"), "band"),
                    n.has("occupancy") ? n.get("occupancy").asDouble() : null,
                    n.get("samples").asInt(),
                    n.has("currentFen") ? Money.ofFen(n.get("currentFen").asLong()) : null,
                    n.has("proposedFen") ? Money.ofFen(n.get("proposedFen").asLong()) : null,
                    Proposal.Action.valueOf(n.get("action").asText()),
                    n.get("reason").asText()));
        }
        boolean approved = o.has("approvedAt");
        return new PricingReview(
                o.get("id").asText(),
                o.get("zoneId").asText(),
                Instant.parse(o.get("createdAt").asText()),
                o.get("createdBy").asText(),
                o.get("basis").asText(),
                PricingPolicy.Statistic.valueOf(o.get("statistic").asText().toUpperCase(Locale.ROOT)),
                Instant.parse(o.get("from").asText()),
                Instant.parse(o.get("to").asText()),
                proposals,
                approved ? Instant.parse(o.get("approvedAt").asText()) : null,
                approved ? o.get("approvedBy").asText() : null,
                approved ? Instant.parse(o.get("effectiveFrom").asText()) : null);
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("", "must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("", "must be a JSON object");
        }
    }

    private static JsonNode required(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(name, "is required");
        }
        return v;
    }

    private static double share(JsonNode o, String name) {
        JsonNode v = required(o, name);
        if (!v.isNumber()) {
            throw new InvalidInputException(name, "must be a number between 0 and 1");
        }
        return v.asDouble();
    }

    private static Money fen(JsonNode o, String name) {
        return Money.ofFen(integer(o, name));
    }

    private static int integer(JsonNode o, String name) {
        JsonNode v = required(o, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidInputException(name, "must be an integer");
        }
        return v.asInt();
    }

    private static <E extends Enum<E>> E enumOf(JsonNode o, String name, Class<E> type) {
        JsonNode v = required(o, name);
        try {
            return Enum.valueOf(type, v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "is not one of the allowed values, was '" + v.asText() + "'");
        }
    }

    /** An ISO-8601 instant from a body's optional field, null when absent. */
    public static Instant optionalInstant(String json, String name) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode v = tree(json).get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be an ISO-8601 time with an offset or Z");
        }
    }
}
