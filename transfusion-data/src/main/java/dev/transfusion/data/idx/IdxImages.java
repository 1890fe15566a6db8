package dev.transfusion.data.idx;

/** The contents of an IDX images file: {@code count} images of {@code rows x cols} unsigned bytes, row-major. */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {
    /** Checks the pixel count. */
    public IdxImages {
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + rows + "x" + cols + " need "
                    + (long) count * rows * cols + " bytes, got " + pixels.length);
        }
    }

    /** Image {@code i}'s pixels as floats in [0, 1] (value / 255). */
    public float[] image(int i) {
        int n = rows * cols;
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            out[p] = (pixels[i * n + p] & 0xFF) / 255f;
        }
        return out;
    }
}
