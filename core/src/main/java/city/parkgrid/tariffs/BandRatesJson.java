package city.parkgrid.tariffs;

import city.parkgrid.InvalidInputException;
import city.parkgrid.money.Money;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Band rates and time bands as JSON, one shape for the wire and for storage:
 * {@code [{"days": ["MON", …], "from": "09:00", "to": "12:00", "rateFen": 1200}]}. Thread-safe.
 */
public final class BandRatesJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BandRatesJson() {}

    public static ObjectNode band(TimeBand band) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode days = node.putArray("days");
        EnumSet.copyOf(band.days()).forEach(d -> days.add(d.name().substring(0, 3)));
        node.put("from", band.from().toString());
        node.put("to", band.to().toString());
        return node;
    }

    public static String write(List<BandRate> rates) {
        ArrayNode out = JSON.createArrayNode();
        rates.forEach(r -> out.add(band(r.band()).put("rateFen", r.rate().fen())));
        return out.toString();
    }

    public static List<BandRate> read(String json, String path) {
        JsonNode node = parse(json, path);
        List<BandRate> rates = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = path + "[" + i + "]";
            JsonNode fen = r.get("rateFen");
            if (fen == null || !fen.canConvertToLong() || !fen.isIntegralNumber()) {
                throw new InvalidInputException(at + ".rateFen", "must be an integer number of fen");
            }
            rates.add(new BandRate(band(r, at), Money.ofFen(fen.asLong())));
        }
        return rates;
    }

    /** Parses a JSON array (of bands or band rates). */
    public static JsonNode parse(String json, String path) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isArray()) {
                throw new InvalidInputException(path, "must be an array");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(path, "must be a JSON array");
        }
    }

    /** A band from {@code {"days", "from", "to"}}, refused naming the field under {@code at}. */
    public static TimeBand band(JsonNode r, String at) {
        if (r == null || !r.isObject()) {
            throw new InvalidInputException(at, "must be an object with days, from and to");
        }
        JsonNode daysNode = r.get("days");
        if (daysNode == null || !daysNode.isArray() || daysNode.isEmpty()) {
            throw new InvalidInputException(at + ".days", "must name at least one day (MON … SUN)");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (JsonNode d : daysNode) {
            days.add(day(d.asText(), at + ".days"));
        }
        try {
            return new TimeBand(days, time(r, "from", at), time(r, "to", at));
        } catch (InvalidInputException e) {
            throw e.within(at);
        }
    }

    private static DayOfWeek day(String text, String path) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equals(text.toUpperCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new InvalidInputException(path, "days are MON, TUE, WED, THU, FRI, SAT, SUN, was '" + text + "'");
    }

    private static LocalTime time(JsonNode r, String name, String at) {
        JsonNode t = r.get(name);
        if (t == null || !t.isTextual()) {
            throw new InvalidInputException(at + "." + name, "is required, e.g. \"09:00\"");
        }
        try {
            return LocalTime.parse(t.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(at + "." + name, "must be a local time HH:MM, was '" + t.asText() + "'");
        }
    }
}
