package dev.transfusion.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Token choice: greedy and sampled picks among allowed ids, and NaN logits as an error rather than token 0. */
class TokenSamplerTest {
    @Test
    void greedyTakesTheLargestAllowedLogit() {
        TokenSampler s = new TokenSampler(TextOptions.greedy(4));
        assertThat(s.next(new float[] {0.1f, 3f, 2f, 9f}, 0, 4, id -> id != 3)).isEqualTo(1);
    }

    @Test
    void nanLogitsAreANumericFaultNotTokenZero() {
        float[] nan = {Float.NaN, Float.NaN, Float.NaN};
        assertThatThrownBy(() -> new TokenSampler(TextOptions.greedy(4)).next(nan, 0, 3, id -> true))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new TokenSampler(new TextOptions(1.0, 0, 1, 4, 7)).next(nan, 0, 3, id -> true))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aNanOnADisallowedIdIsIgnored() {
        TokenSampler s = new TokenSampler(TextOptions.greedy(4));
        assertThat(s.next(new float[] {Float.NaN, 1f, 2f}, 0, 3, id -> id != 0)).isEqualTo(2);
    }
}
