package dev.transfusion.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.sequence.SequenceLayout;
import dev.transfusion.tensor.HostTensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RotaryPositionsTest {
    private static final int HEAD = 12;
    private static final int HALF = HEAD / 2;
    private static final double THETA = 100.0;

    private static void assertAngles(HostTensor[] tables, int at, int seq, int row, int col) {
        for (int i = 0; i < HALF; i++) {
            int c = i % 3 == 0 ? seq : i % 3 == 1 ? row : col;
            double angle = c * Math.pow(THETA, -2.0 * i / HEAD);
            assertThat(tables[0].floats()[at * HALF + i]).as("cos pair %d at %d", i, at)
                    .isCloseTo((float) Math.cos(angle), within(1e-6f));
            assertThat(tables[1].floats()[at * HALF + i]).as("sin pair %d at %d", i, at)
                    .isCloseTo((float) Math.sin(angle), within(1e-6f));
        }
    }

    @Test
    void textPositionsAreTheUsualOneDimensionalTablesInBothModes() {
        for (PatchPositions mode : PatchPositions.values()) {
            RotaryPositions rotary = new RotaryPositions(HEAD, THETA, mode);
            HostTensor[] seq = rotary.sequence(7);
            HostTensor[] step = rotary.forStep(new int[] {3}, 4, false);
            for (int p = 0; p < 7; p++) {
                assertAngles(seq, p, p, p, p);
            }
            for (int k = 0; k < 4; k++) {
                assertAngles(step, k, 3 + k, 3 + k, 3 + k);
            }
        }
    }

    @Test
    void gridPatchesCarryTheirRowAndColumnFromTheImageStart() {
        HostTensor[] t = new RotaryPositions(HEAD, THETA, PatchPositions.GRID).forStep(new int[] {5, 2}, 9, true);
        assertThat(t[0].shape().dims()).containsExactly(2L, 1L, 9L, (long) HALF);
        for (int k = 0; k < 9; k++) {
            assertAngles(t, k, 5 + k, 5 + k / 3, 5 + k % 3);
            assertAngles(t, 9 + k, 2 + k, 2 + k / 3, 2 + k % 3);
        }
        HostTensor[] raster = new RotaryPositions(HEAD, THETA, PatchPositions.RASTER).forStep(new int[] {5}, 9, true);
        for (int k = 0; k < 9; k++) {
            assertAngles(raster, k, 5 + k, 5 + k, 5 + k);
        }
    }

    @Test
    void trainingLayoutTablesMatchTheDecodingSteps() {
        // one row: three text positions, image 0 (2 x 2 patches), text, image 1 right after it, padding
        byte t = SequenceLayout.TEXT, p = SequenceLayout.PATCH, x = SequenceLayout.PAD;
        byte[] kinds = {t, t, t, p, p, p, p, t, p, p, p, p, x};
        int[] images = {-1, -1, -1, 0, 0, 0, 0, -1, 1, 1, 1, 1, -1};
        int[] docs = new int[kinds.length];
        docs[kinds.length - 1] = -1;
        RotaryPositions rotary = new RotaryPositions(HEAD, THETA, PatchPositions.GRID);
        HostTensor[] layout = rotary.forLayout(new SequenceLayout(1, kinds.length, kinds, docs, images), 4);
        assertThat(layout[0].shape().dims()).containsExactly(1L, 1L, (long) kinds.length, (long) HALF);
        float[] cos = new float[kinds.length * HALF];
        float[] sin = new float[kinds.length * HALF];
        int[][] steps = {{0, 3, 0}, {3, 4, 1}, {7, 1, 0}, {8, 4, 1}, {12, 1, 0}}; // start, length, image?
        for (int[] s : steps) {
            HostTensor[] step = rotary.forStep(new int[] {s[0]}, s[1], s[2] == 1);
            System.arraycopy(step[0].floats(), 0, cos, s[0] * HALF, s[1] * HALF);
            System.arraycopy(step[1].floats(), 0, sin, s[0] * HALF, s[1] * HALF);
        }
        assertThat(layout[0].floats()).isEqualTo(cos);
        assertThat(layout[1].floats()).isEqualTo(sin);
        assertThat(Arrays.equals(cos, new RotaryPositions(HEAD, THETA, PatchPositions.RASTER).sequence(13)[0].floats()))
                .as("grid positions must differ from raster ones for the patches").isFalse();
    }

    @Test
    void gridPositionsNeedASquarePatchGrid() {
        RotaryPositions rotary = new RotaryPositions(HEAD, THETA, PatchPositions.GRID);
        assertThatThrownBy(() -> rotary.forStep(new int[] {0}, 8, true))
                .hasMessageContaining("square patch grid, got 8 patches");
        assertThatThrownBy(() -> PatchPositions.parse("2d")).hasMessage("expected raster or grid, got '2d'");
    }
}
