package city.parkgrid.forecast;

import city.parkgrid.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The forecasters by name: ParkGrid's own and the baselines it is measured against. */
public final class Forecasters {

    /** The method the platform serves unless asked otherwise. */
    public static final String DEFAULT = ParkgridForecaster.NAME;

    private static final Map<String, Forecaster> BY_NAME = new LinkedHashMap<>();

    static {
        for (Forecaster f : List.of(
                new ParkgridForecaster(),
                new Persistence(),
                new SeasonalNaive(),
                new HistoricalAverage(),
                new RelativizedAverage())) {
            BY_NAME.put(f.name(), f);
        }
    }

    private Forecasters() {}

    /** @throws InvalidInputException naming {@code method} for an unknown name */
    public static Forecaster named(String name) {
        Forecaster f = BY_NAME.get(name);
        if (f == null) {
            throw new InvalidInputException("method", "must be one of " + names() + ", was " + name);
        }
        return f;
    }

    public static Forecaster parkgrid() {
        return BY_NAME.get(DEFAULT);
    }

    /** Every name, {@code parkgrid} first, then the baselines. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static List<Forecaster> all() {
        return List.copyOf(BY_NAME.values());
    }
}
