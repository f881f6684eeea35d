package city.parkgrid.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistancesTest {

    @Test
    void oneDegreeOfLatitudeIsAboutOneHundredElevenKilometresOnPostgisSphere() {
        double metres = Distances.metres(GeoPoint.of(31, 121.5), GeoPoint.of(32, 121.5));
        assertThat(metres).isCloseTo(Math.PI / 180 * Distances.EARTH_RADIUS_METRES, within(0.001));
        assertThat(metres).isCloseTo(111_195.08, within(0.01));
    }

    @Test
    void distanceIsSymmetricAndZeroToItself() {
        GeoPoint junction = GeoPoint.of(31.2995, 121.5140);
        GeoPoint fudan = GeoPoint.of(31.2980, 121.5030);
        assertThat(junction.metresTo(junction)).isZero();
        assertThat(junction.metresTo(fudan)).isEqualTo(fudan.metresTo(junction));
        // 0.011° of longitude at 31.3° N is about 1,046 m; 0.0015° of latitude about 167 m
        assertThat(junction.metresTo(fudan)).isBetween(1_040.0, 1_070.0);
    }

    @Test
    void refusesPositionsOutsideTheGlobe() {
        assertThatThrownBy(() -> GeoPoint.of(91, 0)).hasMessageContaining("latitude");
        assertThatThrownBy(() -> GeoPoint.of(0, 181)).hasMessageContaining("longitude");
        assertThatThrownBy(() -> GeoPoint.of(Double.NaN, 0)).hasMessageContaining("latitude");
    }
}
