package city.parkgrid.forecast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.forecast.Observation;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BirminghamCsvTest {

    private static Map<String, List<Observation>> read(String text, ZoneId zone) throws Exception {
        return BirminghamCsv.read(new BufferedReader(new StringReader(text)), zone);
    }

    @Test
    void readsLocalTimesInTheGivenZoneAndKeepsRowsRaw() throws Exception {
        Map<String, List<Observation>> lots = read(
                "SystemCodeNumber,Capacity,Occupancy,LastUpdated\n"
                        + "B,100,104,2016-10-04 07:59:42\n"
                        + "A,50,-1,2016-10-04T08:00\n"
                        + "B,100,104,2016-10-04 07:59:42\n",
                ZoneId.of("Europe/London"));

        assertThat(lots.keySet()).containsExactly("A", "B");
        assertThat(lots.get("B"))
                .containsExactly(
                        new Observation(Instant.parse("2016-10-04T06:59:42Z"), 104, 100),
                        new Observation(Instant.parse("2016-10-04T06:59:42Z"), 104, 100));
        assertThat(lots.get("A")).containsExactly(new Observation(Instant.parse("2016-10-04T07:00:00Z"), -1, 50));
    }

    @Test
    void columnsMayComeInAnyOrder() throws Exception {
        Map<String, List<Observation>> lots = read(
                "LastUpdated,Occupancy,Capacity,SystemCodeNumber\n2016-10-04 08:00:00,5,10,X\n",
                ZoneId.of("Asia/Shanghai"));

        assertThat(lots.get("X")).containsExactly(new Observation(Instant.parse("2016-10-04T00:00:00Z"), 5, 10));
    }

    @Test
    void aMalformedRowNamesItsLine() {
        assertThatThrownBy(() -> read(
                        "SystemCodeNumber,Capacity,Occupancy,LastUpdated\nA,10,5,2016-10-04 08:00:00\nA,ten,5,2016-10-04 08:30:00\n",
                        ZoneId.of("Asia/Shanghai")))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("line 3");
        assertThatThrownBy(() -> read("SystemCodeNumber,Capacity,LastUpdated\n", ZoneId.of("Asia/Shanghai")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Occupancy");
    }
}
