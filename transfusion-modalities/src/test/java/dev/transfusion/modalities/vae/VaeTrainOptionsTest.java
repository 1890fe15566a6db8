package dev.transfusion.modalities.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VaeTrainOptionsTest {
    @Test
    void warmsUpLinearlyThenDecaysByCosineToATenth() {
        VaeTrainOptions o = new VaeTrainOptions(110, 8, 1e-3, 10, 0, false, 1, 8);
        assertThat(o.learningRate(0)).isCloseTo(1e-3 / 11, within(1e-12));
        assertThat(o.learningRate(9)).isCloseTo(1e-3 * 10 / 11, within(1e-12));
        assertThat(o.learningRate(10)).isCloseTo(1e-3, within(1e-12));
        assertThat(o.learningRate(60)).isCloseTo(0.55e-3, within(1e-12)); // halfway: (1 + 0.1) / 2
        assertThat(o.learningRate(110)).isCloseTo(1e-4, within(1e-12));
    }
}
