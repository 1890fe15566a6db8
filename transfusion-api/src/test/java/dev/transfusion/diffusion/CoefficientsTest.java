package dev.transfusion.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CoefficientsTest {
    @Test
    void noisyAndTargetAreTheLinearForms() {
        Coefficients c = new Coefficients(0.6, 0.8, -0.8, 0.6); // v-prediction at ᾱ = 0.36
        float[] x0 = {1f, -2f, 0.5f};
        float[] eps = {0.25f, 1f, -1f};
        float[] xt = new float[3];
        float[] target = new float[3];
        c.noisy(x0, eps, xt);
        c.target(x0, eps, target);
        assertThat(xt).containsExactly(new float[] {0.8f, -0.4f, -0.5f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(target).containsExactly(new float[] {-0.65f, 2.2f, -1.0f},
                org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void interpretInvertsTheTwoByTwoSystem() {
        double[][] forms = {{0.6, 0.8, 0, 1}, {0.6, 0.8, 1, 0}, {0.6, 0.8, -0.8, 0.6}, {0.3, 0.7, -1, 1},
            {1, 0, 0, 1}, {0, 1, -1, 1}};
        float[] x0 = {0.3f, -0.7f};
        float[] eps = {-1.1f, 0.4f};
        for (double[] f : forms) {
            Coefficients c = new Coefficients(f[0], f[1], f[2], f[3]);
            float[] xt = new float[2];
            float[] out = new float[2];
            c.noisy(x0, eps, xt);
            c.target(x0, eps, out);
            Prediction p = c.interpret(out, xt);
            for (int i = 0; i < 2; i++) {
                assertThat((double) p.x0()[i]).isCloseTo(x0[i], within(1e-6));
                assertThat((double) p.eps()[i]).isCloseTo(eps[i], within(1e-6));
                assertThat((double) p.velocity()[i]).isCloseTo(eps[i] - x0[i], within(1e-6));
            }
        }
    }

    @Test
    void singularAndMismatchedInputsFailClearly() {
        Coefficients x0AtZero = new Coefficients(1, 0, 1, 0);
        assertThatThrownBy(() -> x0AtZero.interpret(new float[1], new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singular");
        Coefficients c = new Coefficients(1, 0, 0, 1);
        assertThatThrownBy(() -> c.interpret(new float[2], new float[3]))
                .hasMessage("arrays differ in length: 2 vs 3");
        assertThatThrownBy(() -> c.noisy(new float[2], new float[2], new float[1]))
                .hasMessage("output has 1 elements, inputs have 2");
        assertThatThrownBy(() -> new Coefficients(Double.NaN, 0, 0, 1)).hasMessageContaining("non-finite");
    }
}
