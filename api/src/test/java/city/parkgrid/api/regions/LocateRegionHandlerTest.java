package city.parkgrid.api.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.api.http.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * The handler's own reading of the coordinates, which must name the right one even when the
 * request contract in front of it is not there to refuse a non-number first.
 */
class LocateRegionHandlerTest {

    private static String fieldOf(String lat, String lon) {
        try {
            LocateRegionHandler.point(lat, lon);
        } catch (ProblemException e) {
            return e.problem().field();
        }
        throw new AssertionError("accepted lat=" + lat + " lon=" + lon);
    }

    @Test
    void aNonFiniteLatitudeIsBlamedOnLatNotLon() {
        assertThat(fieldOf("NaN", "121.5")).isEqualTo("lat");
        assertThat(fieldOf("Infinity", "121.5")).isEqualTo("lat");
        assertThat(fieldOf("-Infinity", "121.5")).isEqualTo("lat");
    }

    @Test
    void aNonFiniteOrOutOfRangeLongitudeIsBlamedOnLon() {
        assertThat(fieldOf("31.3", "NaN")).isEqualTo("lon");
        assertThat(fieldOf("31.3", "190")).isEqualTo("lon");
        assertThat(fieldOf("91", "121.5")).isEqualTo("lat");
        assertThatThrownBy(() -> LocateRegionHandler.point(null, "121.5")).isInstanceOf(ProblemException.class);
        assertThat(LocateRegionHandler.point("31.3", "121.5").lat()).isEqualTo(31.3);
    }
}
