package dev.transfusion.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.param.Init;
import dev.transfusion.tensor.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SinCos2dTest {
    static float[] table(int grid, int dim) {
        return new Init.SinCos2d(grid).sample(Shape.of(1, grid * grid, dim), new SplittableRandom(1)).floats();
    }

    static double distance(float[] t, int dim, int a, int b) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            double d = t[a * dim + k] - t[b * dim + k];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Test
    void rowInTheFirstHalfColumnInTheSecond() {
        int grid = 8, dim = 16, q = dim / 4;
        float[] t = table(grid, dim);
        int patch = 3 * grid + 5; // row 3, column 5
        for (int k = 0; k < q; k++) {
            double omega = Math.pow(10000, -k / (double) q);
            assertThat(t[patch * dim + k]).isCloseTo((float) Math.sin(3 * omega), within(1e-6f));
            assertThat(t[patch * dim + q + k]).isCloseTo((float) Math.cos(3 * omega), within(1e-6f));
            assertThat(t[patch * dim + 2 * q + k]).isCloseTo((float) Math.sin(5 * omega), within(1e-6f));
            assertThat(t[patch * dim + 3 * q + k]).isCloseTo((float) Math.cos(5 * omega), within(1e-6f));
        }
    }

    @Test
    void codesAreTranslationInvariantSoNeighboursAreEquallyClose() {
        int grid = 8, dim = 32;
        float[] t = table(grid, dim);
        // the code distance depends only on the offset: right neighbours are equally close everywhere, and a
        // right neighbour is closer than the patch that follows in raster order across a row end
        double right = distance(t, dim, 0, 1);
        assertThat(distance(t, dim, 2 * grid + 3, 2 * grid + 4)).isCloseTo(right, within(1e-5));
        assertThat(distance(t, dim, grid - 1, grid)).isGreaterThan(2 * right);
    }

    @Test
    void wrongShapesAreRefused() {
        assertThatThrownBy(() -> new Init.SinCos2d(4).sample(Shape.of(1, 16, 6), new SplittableRandom(1)))
                .hasMessageContaining("divisible by 4");
        assertThatThrownBy(() -> new Init.SinCos2d(4).sample(Shape.of(1, 15, 8), new SplittableRandom(1)))
                .hasMessageContaining("(1, 16, dim)");
    }
}
