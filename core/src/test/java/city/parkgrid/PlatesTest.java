package city.parkgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatesTest {

    @Test
    void fullWidthLettersAndDigitsAreTheSamePlateAsAscii() {
        assertThat(Plates.normalise("沪Ａ１２３４５")).isEqualTo("沪A12345").isEqualTo(Plates.normalise("沪A12345"));
        assertThat(Plates.normalise("沪ａｄ１２３４５")).isEqualTo("沪AD12345");
        // a full-width space and hyphen are dropped like their ASCII forms
        assertThat(Plates.normalise("沪Ａ\u3000１２３－４５")).isEqualTo("沪A12345");
    }

    @Test
    void separatorsAndCaseAreStillIgnoredAndJunkStillRefused() {
        assertThat(Plates.normalise("沪a 12-3·45")).isEqualTo("沪A12345");
        assertThatThrownBy(() -> Plates.normalise("沪A12345!"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("plate"));
    }
}
