package city.parkgrid.api.zones.control;

import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.money.Money;
import city.parkgrid.zones.control.AuditEntry;
import city.parkgrid.zones.control.EventScope;
import city.parkgrid.zones.control.Schedule;
import city.parkgrid.zones.control.Trigger;
import city.parkgrid.zones.control.ZoneControl;
import city.parkgrid.zones.control.ZonePolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The wire shapes of zone control: policies, controls, schedules, triggers, audit entries. */
final class ControlJson {

    private ControlJson() {}

    static ZonePolicy policy(Object value) {
        if (value == null) {
            return ZonePolicy.NONE;
        }
        JsonObject json = JsonInput.object(value, "policy");
        Double target = null;
        if (json.getValue("targetOccupancy") != null) {
            if (!(json.getValue("targetOccupancy") instanceof Number n)) {
                throw new ProblemException(
                        Problem.invalidField("policy.targetOccupancy", "must be a number in (0, 1]"));
            }
            target = n.doubleValue();
        }
        Map<String, Integer> reserved = new LinkedHashMap<>();
        if (json.getValue("reservedSpaces") != null) {
            JsonObject spaces = JsonInput.object(json.getValue("reservedSpaces"), "policy.reservedSpaces");
            for (String lot : spaces.fieldNames()) {
                reserved.put(lot, JsonInput.requiredInt(spaces, lot, "policy.reservedSpaces." + lot));
            }
        }
        Money surcharge = json.getValue("surchargeFenPerHour") == null
                ? Money.ZERO
                : Money.ofFen(JsonInput.requiredInt(json, "surchargeFenPerHour", "policy.surchargeFenPerHour"));
        return new ZonePolicy(
                target,
                strings(json.getValue("closedLots"), "policy.closedLots"),
                reserved,
                surcharge,
                strings(json.getValue("divertTo"), "policy.divertTo"),
                eventScope(json.getValue("eventScope")),
                bookingClosesAt(json.getValue("bookingClosesAt")));
    }

    private static EventScope eventScope(Object value) {
        if (value == null) {
            return null;
        }
        JsonObject scope = JsonInput.object(value, "policy.eventScope");
        if (!(scope.getValue("radiusMetres") instanceof Number radius)) {
            throw new ProblemException(
                    Problem.invalidField("policy.eventScope.radiusMetres", "must be a number of metres"));
        }
        return new EventScope(strings(scope.getValue("lots"), "policy.eventScope.lots"), radius.doubleValue());
    }

    private static LocalTime bookingClosesAt(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalTime.parse((String) value);
        } catch (ClassCastException | DateTimeParseException e) {
            throw new ProblemException(Problem.invalidField("policy.bookingClosesAt", "must be a time, HH:mm"));
        }
    }

    static List<String> strings(Object value, String field) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new ProblemException(Problem.invalidField(field, "must be an array of ids"));
        }
        List<String> ids = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String id)) {
                throw new ProblemException(Problem.invalidField(field, "must be an array of ids"));
            }
            ids.add(id);
        }
        return ids;
    }

    static Set<DayOfWeek> days(Object value) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : strings(value, "days")) {
            String upper = day.toUpperCase(Locale.ROOT);
            DayOfWeek found = null;
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().equals(upper) || d.name().startsWith(upper) && upper.length() == 3) {
                    found = d;
                }
            }
            if (found == null) {
                throw new ProblemException(Problem.invalidField("days", "'" + day + "' is not a day (MON ... SUN)"));
            }
            days.add(found);
        }
        return days;
    }

    static JsonObject policy(ZonePolicy p) {
        return new JsonObject()
                .put("targetOccupancy", p.targetOccupancy())
                .put("closedLots", new JsonArray(p.closedLots()))
                .put("reservedSpaces", new JsonObject(new LinkedHashMap<>(p.reservedSpaces())))
                .put("surchargeFenPerHour", p.surchargePerHour().fen())
                .put("divertTo", new JsonArray(p.divertTo()))
                .put(
                        "eventScope",
                        p.eventScope() == null
                                ? null
                                : new JsonObject()
                                        .put(
                                                "lots",
                                                new JsonArray(p.eventScope().lots()))
                                        .put("radiusMetres", p.eventScope().radiusMetres()))
                .put(
                        "bookingClosesAt",
                        p.bookingClosesAt() == null ? null : p.bookingClosesAt().toString());
    }

    static JsonObject control(ZoneControl c) {
        return new JsonObject()
                .put("zoneId", c.zoneId())
                .put("mode", c.mode().name())
                .put("policy", policy(c.policy()))
                .put("since", c.since() == null ? null : c.since().toString())
                .put("until", c.until() == null ? null : c.until().toString())
                .put("setBy", c.setBy())
                .put("reason", c.reason())
                .put("source", c.source().name());
    }

    static JsonObject schedule(Schedule s) {
        return new JsonObject()
                .put("id", s.id())
                .put("zoneId", s.zoneId())
                .put("mode", s.mode().name())
                .put("policy", policy(s.policy()))
                .put(
                        "days",
                        new JsonArray(s.days().stream()
                                .sorted()
                                .map(d -> d.name().substring(0, 3))
                                .toList()))
                .put("from", s.from().toString())
                .put("to", s.to().toString())
                .put("timeZone", "Asia/Shanghai")
                .put("overnight", s.overnight())
                .put(
                        "windows",
                        new JsonArray(s.windows().stream()
                                .map(w -> new JsonObject()
                                        .put("from", Schedule.dayAndTime(w.startDay(), w.from()))
                                        .put("to", Schedule.dayAndTime(w.endDay(), w.to())))
                                .toList()))
                .put("description", s.describe() + " (Asia/Shanghai)");
    }

    static JsonObject trigger(Trigger t) {
        return new JsonObject()
                .put("zoneId", t.zoneId())
                .put("occupancyAbove", t.occupancyAbove())
                .put("forMinutes", t.forMinutes())
                .put("releaseBelow", t.releaseBelow())
                .put("minActiveMinutes", t.minActiveMinutes())
                .put("mode", t.mode().name())
                .put("policy", policy(t.policy()))
                .put(
                        "breachSince",
                        t.breachSince() == null ? null : t.breachSince().toString())
                .put(
                        "activeSince",
                        t.activeSince() == null ? null : t.activeSince().toString());
    }

    static JsonObject audit(AuditEntry a) {
        return new JsonObject()
                .put("at", a.at().toString())
                .put("actor", a.actor())
                .put("action", a.action())
                .put("detail", a.detail());
    }
}
