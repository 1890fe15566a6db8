package dev.transfusion.core.model;

import dev.transfusion.sequence.SequenceLayout;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Objects;

/**
 * The RoPE tables for a batch or a decoding step. Every position has three coordinates (sequence, row, column)
 * and frequency pair {@code i} turns with coordinate {@code i mod 3}. A text position {@code p} is
 * {@code (p, p, p)}, which gives exactly the usual 1-D tables. Under {@link PatchPositions#GRID} patch
 * {@code k} of an image whose first patch sits at {@code s}, in a grid {@code w} patches wide, is
 * {@code (s + k, s + k / w, s + k % w)}: attention between two patches of an image then depends on their row and
 * column offsets as well as their raster distance — axial rotary embeddings interleaved across the frequencies
 * (like Qwen2-VL's M-RoPE, with the raster index kept as the first axis so text positions do not move).
 */
public final class RotaryPositions {
    private final int half;
    private final double[] freq;
    private final PatchPositions patches;

    /** Tables for heads of width {@code headDim} (even), base {@code theta}, patches placed by {@code patches}. */
    public RotaryPositions(int headDim, double theta, PatchPositions patches) {
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("head width must be even and > 0, got " + headDim);
        }
        this.half = headDim / 2;
        this.patches = Objects.requireNonNull(patches, "patches");
        this.freq = new double[half];
        for (int i = 0; i < half; i++) {
            freq[i] = Math.pow(theta, -2.0 * i / headDim);
        }
    }

    /** Whether the tables depend on the layout (else {@link #sequence(int)} serves every row). */
    public boolean perRow() {
        return patches == PatchPositions.GRID;
    }

    /** Tables {@code cos, sin (L, D/2)} for the text positions {@code 0..length-1}, shared by every row. */
    public HostTensor[] sequence(int length) {
        float[] cos = new float[length * half];
        float[] sin = new float[length * half];
        for (int p = 0; p < length; p++) {
            fill(cos, sin, p * half, p, p, p);
        }
        Shape s = Shape.of(length, half);
        return new HostTensor[] {HostTensor.floats(s, cos), HostTensor.floats(s, sin)};
    }

    /**
     * Tables {@code cos, sin (B, 1, L, D/2)} for every position of {@code layout}, whose images have
     * {@code patchesPerImage} patches (a square grid); padding takes its sequence index.
     */
    public HostTensor[] forLayout(SequenceLayout layout, int patchesPerImage) {
        int b = layout.rows(), l = layout.length();
        int width = gridWidth(patchesPerImage);
        float[] cos = new float[b * l * half];
        float[] sin = new float[b * l * half];
        for (int r = 0; r < b; r++) {
            int start = 0;
            for (int p = 0; p < l; p++) {
                boolean patch = perRow() && layout.kind(r, p) == SequenceLayout.PATCH;
                if (patch && (p == 0 || layout.kind(r, p - 1) != SequenceLayout.PATCH
                        || layout.image(r, p - 1) != layout.image(r, p))) {
                    start = p;
                }
                place(cos, sin, (r * l + p) * half, p, start, patch ? width : 0);
            }
        }
        Shape s = Shape.of(b, 1, l, half);
        return new HostTensor[] {HostTensor.floats(s, cos), HostTensor.floats(s, sin)};
    }

    /**
     * Tables {@code cos, sin (B, 1, T, D/2)} for {@code t} new positions per row, row {@code r} starting at
     * sequence position {@code start[r]}: text when {@code image} is false, else the {@code t} patches of one image.
     */
    public HostTensor[] forStep(int[] start, int t, boolean image) {
        int b = start.length;
        int width = image && perRow() ? gridWidth(t) : 0;
        float[] cos = new float[b * t * half];
        float[] sin = new float[b * t * half];
        for (int r = 0; r < b; r++) {
            int s = start[r];
            for (int k = 0; k < t; k++) {
                place(cos, sin, (r * t + k) * half, s + k, s, width);
            }
        }
        Shape shape = Shape.of(b, 1, t, half);
        return new HostTensor[] {HostTensor.floats(shape, cos), HostTensor.floats(shape, sin)};
    }

    /**
     * Writes position {@code p}: a patch of the image starting at {@code imageStart} in a grid {@code width} wide,
     * or, when {@code width} is 0, a position on the sequence axis alone.
     */
    private void place(float[] cos, float[] sin, int at, int p, int imageStart, int width) {
        if (width == 0) {
            fill(cos, sin, at, p, p, p);
        } else {
            int k = p - imageStart;
            fill(cos, sin, at, p, imageStart + k / width, imageStart + k % width);
        }
    }

    private void fill(float[] cos, float[] sin, int at, int seq, int row, int col) {
        for (int i = 0; i < half; i++) {
            int coordinate = switch (i % 3) {
                case 0 -> seq;
                case 1 -> row;
                default -> col;
            };
            double a = coordinate * freq[i];
            cos[at + i] = (float) Math.cos(a);
            sin[at + i] = (float) Math.sin(a);
        }
    }

    /** The side of a square grid of {@code patches} patches. */
    static int gridWidth(int patches) {
        int w = (int) Math.round(Math.sqrt(patches));
        if (w * w != patches) {
            throw new IllegalArgumentException("grid patch positions need a square patch grid, got " + patches
                    + " patches per image");
        }
        return w;
    }
}
