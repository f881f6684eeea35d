package city.parkgrid.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.geo.GeoJsonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A data set's lots may carry {@code externalIds}; without them a lot has none. */
class DataSetExternalIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode collection(String externalIds) throws Exception {
        return JSON.readTree("""
                {"type": "FeatureCollection", "features": [{"type": "Feature",
                  "geometry": {"type": "Point", "coordinates": [121.512, 31.3012]},
                  "properties": {"featureType": "lot", "id": "wanda-plaza", "nameZh": "万达", "nameEn": "Wanda",
                    "operatorId": "op-wanda", "kind": "MALL", "capacity": 1500 %s}}]}
                """.formatted(externalIds == null ? "" : ", \"externalIds\": " + externalIds));
    }

    @Test
    void readsExternalIdsWhenGivenAndNoneOtherwise() throws Exception {
        assertThat(GeoJsonDataSetReader.read(collection("{\"datex2\": \"NL-12_408\"}"))
                        .lots()
                        .get(0)
                        .externalIds())
                .containsExactlyEntriesOf(java.util.Map.of("datex2", "NL-12_408"));
        assertThat(GeoJsonDataSetReader.read(collection(null)).lots().get(0).externalIds())
                .isEmpty();
    }

    @Test
    void refusesExternalIdsThatAreNotSchemeToIdStrings() throws Exception {
        assertThatThrownBy(() -> GeoJsonDataSetReader.read(collection("[\"NL-12_408\"]")))
                .isInstanceOf(GeoJsonException.class)
                .hasMessageContaining("externalIds");
        assertThatThrownBy(() -> GeoJsonDataSetReader.read(collection("{\"datex2\": 408}")))
                .isInstanceOf(GeoJsonException.class)
                .hasMessageContaining("datex2");
        assertThatThrownBy(() -> GeoJsonDataSetReader.read(collection("{\"Not A Scheme\": \"x\"}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("scheme");
    }
}
