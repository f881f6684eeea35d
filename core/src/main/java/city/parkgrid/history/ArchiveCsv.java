package city.parkgrid.history;

import city.parkgrid.Times;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.OccupancyService;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a city's archive of past occupancy: CSV rows {@code lotId,at,occupied[,capacity]}, with
 * an optional header line naming those columns (a first line that names no lot and no time). Every row is checked before anything is kept, so
 * that one bad row refuses the whole file ({@link ImportRowException} naming its line and field).
 * Blank lines are skipped (they still count in the line numbers); a row repeated identically is
 * kept once; the same lot and time with different counts is refused.
 */
public final class ArchiveCsv {

    static final List<String> COLUMNS = List.of("lotid", "at", "occupied", "capacity");

    private ArchiveCsv() {}

    /** A parsed file: the distinct samples and how many data rows it had. */
    public record Parsed(List<OccupancySample> samples, int rows) {}

    /**
     * @param now rows after this are refused (history is the past)
     * @param retention rows older than {@code now - retention} are refused: they would be purged at once
     */
    public static Parsed parse(String csv, LotCatalog lots, Instant now, Duration retention) {
        String[] lines = csv.split("\n", -1);
        Map<String, Row> seen = new LinkedHashMap<>();
        int rows = 0;
        boolean first = true;
        Instant oldest = now.minus(retention);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            for (int f = 0; f < fields.length; f++) {
                fields[f] = unquote(fields[f].strip());
            }
            if (first) {
                first = false;
                // a header names no lot, and its `at` is a name where a row's is a time (starting with a digit)
                boolean timeless = fields.length < 2 || fields[1].isEmpty() || !Character.isDigit(fields[1].charAt(0));
                if (timeless && lots.findLot(fields[0]).isEmpty()) {
                    checkHeader(lineNo, fields);
                    continue;
                }
            }
            rows++;
            OccupancySample sample = row(lineNo, fields, lots, now, oldest);
            String key = sample.lotId() + "@" + sample.at();
            Row earlier = seen.get(key);
            if (earlier == null) {
                seen.put(key, new Row(lineNo, sample));
            } else if (!earlier.sample().equals(sample)) {
                throw new ImportRowException(
                        lineNo,
                        "at",
                        "lot '" + sample.lotId() + "' at " + sample.at() + " is on line " + earlier.line()
                                + " already, with other counts");
            }
        }
        if (first) {
            throw new ImportRowException(1, "body", "the archive is empty: send rows lotId,at,occupied[,capacity]");
        }
        return new Parsed(seen.values().stream().map(Row::sample).toList(), rows);
    }

    private record Row(int line, OccupancySample sample) {}

    private static void checkHeader(int lineNo, String[] fields) {
        List<String> names = new ArrayList<>();
        for (String f : fields) {
            names.add(f.toLowerCase(Locale.ROOT));
        }
        if (!names.equals(COLUMNS.subList(0, 3)) && !names.equals(COLUMNS)) {
            throw new ImportRowException(
                    lineNo, "header", "the header must be lotId,at,occupied or lotId,at,occupied,capacity");
        }
    }

    private static OccupancySample row(int lineNo, String[] f, LotCatalog lots, Instant now, Instant oldest) {
        if (f.length > 4) {
            throw new ImportRowException(
                    lineNo, "row", "has " + f.length + " fields; a row is lotId,at,occupied[,capacity]");
        }
        String lotId = required(lineNo, f, 0, "lotId");
        String atText = required(lineNo, f, 1, "at");
        String occupiedText = required(lineNo, f, 2, "occupied");
        Lot lot = lots.findLot(lotId)
                .orElseThrow(() -> new ImportRowException(lineNo, "lotId", "no registered lot '" + lotId + "'"));
        Instant at;
        try {
            at = OffsetDateTime.parse(atText).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImportRowException(
                    lineNo,
                    "at",
                    "must be an ISO-8601 time with an offset or Z (2026-11-28T10:05:00+08:00), was '" + atText + "'");
        }
        try {
            Times.requireInRange("at", at);
        } catch (IllegalArgumentException e) {
            throw new ImportRowException(lineNo, "at", e.getMessage());
        }
        if (at.isAfter(now)) {
            throw new ImportRowException(lineNo, "at", "lies in the future (" + at + "); history is the past");
        }
        if (at.isBefore(oldest)) {
            throw new ImportRowException(
                    lineNo, "at", "is older than the history's retention (before " + oldest + "); it would be purged");
        }
        int capacity = f.length == 4 && !f[3].isEmpty() ? count(lineNo, "capacity", f[3]) : lot.capacity();
        int occupied = count(lineNo, "occupied", occupiedText);
        if (occupied > OccupancyService.maxSnapshot(capacity)) {
            throw new ImportRowException(
                    lineNo,
                    "occupied",
                    "must be at most " + OccupancyService.maxSnapshot(capacity) + " (capacity " + capacity
                            + " plus an overflow margin of max(50, capacity/2)), was " + occupied);
        }
        return OccupancySample.imported(lotId, at, occupied, capacity);
    }

    private static String required(int lineNo, String[] f, int index, String field) {
        if (f.length <= index || f[index].isEmpty()) {
            throw new ImportRowException(lineNo, field, "is missing; a row is lotId,at,occupied[,capacity]");
        }
        return f[index];
    }

    private static int count(int lineNo, String field, String text) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ImportRowException(lineNo, field, "must be a whole number, was '" + text + "'");
        }
        if (value < 0) {
            throw new ImportRowException(lineNo, field, "must not be negative, was " + value);
        }
        return value;
    }

    private static String unquote(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                ? field.substring(1, field.length() - 1).strip()
                : field;
    }
}
