package city.parkgrid.forecast.backtest;

import city.parkgrid.InvalidInputException;
import city.parkgrid.forecast.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads occupancy history in the layout of the public Birmingham data set: a header naming
 * {@code SystemCodeNumber,Capacity,Occupancy,LastUpdated} (in any order, other columns ignored),
 * {@code LastUpdated} a local date-time ({@code 2016-10-04 07:59:42}, or ISO with a {@code T}) in
 * the given zone. Rows are kept raw (duplicates, counts above capacity or below zero): cleaning is
 * the forecaster's job ({@link city.parkgrid.forecast.Observations#clean}).
 */
public final class BirminghamCsv {

    static final List<String> COLUMNS = List.of("SystemCodeNumber", "Capacity", "Occupancy", "LastUpdated");

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private BirminghamCsv() {}

    /**
     * @return observations per lot, lots in name order
     * @throws InvalidInputException naming the file's line on a malformed row or header
     */
    public static Map<String, List<Observation>> read(Path file, ZoneId zone) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, zone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, List<Observation>> read(BufferedReader in, ZoneId zone) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new InvalidInputException("line 1", "empty file: expected the header " + String.join(",", COLUMNS));
        }
        List<String> names = Arrays.asList(header.replace("\uFEFF", "").trim().split(",", -1));
        int[] index = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            index[c] = names.indexOf(COLUMNS.get(c));
            if (index[c] < 0) {
                throw new InvalidInputException("line 1", "header lacks the column " + COLUMNS.get(c));
            }
        }
        Map<String, List<Observation>> lots = new TreeMap<>();
        String line;
        int number = 1;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            try {
                String lot = cells[index[0]].trim();
                int capacity = Integer.parseInt(cells[index[1]].trim());
                int occupied = Integer.parseInt(cells[index[2]].trim());
                LocalDateTime local = LocalDateTime.parse(cells[index[3]].trim().replace('T', ' '), SPACED);
                if (lot.isEmpty()) {
                    throw new IllegalArgumentException("empty SystemCodeNumber");
                }
                lots.computeIfAbsent(lot, k -> new ArrayList<>())
                        .add(new Observation(local.atZone(zone).toInstant(), occupied, capacity));
            } catch (ArrayIndexOutOfBoundsException | DateTimeParseException | IllegalArgumentException e) {
                throw new InvalidInputException("line " + number, "malformed row '" + line + "': " + e.getMessage());
            }
        }
        return lots;
    }
}
