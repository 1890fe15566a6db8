package dev.transfusion.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {
    @Test
    void anImpulseSpreadsIntoANormalisedGaussianWithTheRequestedVariance() {
        int s = 21;
        float[] img = new float[s * s];
        img[10 * s + 10] = 1f;
        double sigma = 1.5;
        float[] out = GaussianBlur.blur(img, 1, s, sigma);
        double sum = 0;
        double varX = 0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                sum += out[y * s + x];
                varX += out[y * s + x] * (x - 10) * (x - 10);
            }
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        // truncation at 3σ removes a little of the tails
        assertThat(varX).isCloseTo(sigma * sigma, within(0.05));
        assertThat(out[10 * s + 10]).isGreaterThan(out[10 * s + 11]);
        assertThat(out[10 * s + 11]).isCloseTo(out[11 * s + 10], within(1e-7f)); // the same in both axes
        assertThat(out[10 * s + 9]).isCloseTo(out[10 * s + 11], within(1e-7f));
    }

    @Test
    void aConstantChannelStaysConstantUpToTheEdgesAndChannelsStaySeparate() {
        int s = 8;
        float[] img = new float[3 * s * s];
        Arrays.fill(img, 0, s * s, -1f);
        Arrays.fill(img, s * s, 2 * s * s, 0.25f);
        for (int i = 2 * s * s; i < img.length; i++) {
            img[i] = (i % s) < s / 2 ? -1f : 1f; // a vertical edge in the last channel
        }
        float[] out = GaussianBlur.blur(img, 3, s, 2.0);
        for (int i = 0; i < s * s; i++) {
            assertThat(out[i]).isCloseTo(-1f, within(1e-6f));
            assertThat(out[s * s + i]).isCloseTo(0.25f, within(1e-6f));
        }
        // the edge is softened but not moved: columns mirror each other around it
        int row = 2 * s * s + 3 * s;
        assertThat(out[row + 3]).isGreaterThan(-1f).isLessThan(0f);
        assertThat(out[row + 3]).isCloseTo(-out[row + 4], within(1e-6f));
    }

    @Test
    void refusesANonPositiveSigmaAndAWrongSize() {
        assertThatThrownBy(() -> GaussianBlur.blur(new float[4], 1, 2, 0)).hasMessageContaining("sigma must be > 0");
        assertThatThrownBy(() -> GaussianBlur.blur(new float[5], 1, 2, 1)).hasMessageContaining("1x2x2");
    }
}
