package city.parkgrid.forecast;

/** {@code persistence}: the target will look like the last observation, however old. */
final class Persistence extends CalibratedForecaster {

    static final String NAME = "persistence";

    Persistence() {
        super(NAME);
    }

    @Override
    double point(LotHistory cut, long issuedAt, long target) {
        return cut.occupied(cut.size() - 1);
    }
}
