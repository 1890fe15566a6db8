package dev.transfusion.core.train;

/**
 * A separable Gaussian blur of a (C, S, S) image or latent stored channel-major, edges clamped (the border pixel
 * repeats), so a constant image stays constant and every channel keeps its overall level.
 */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    /** Blurs each channel of {@code chw} (C·S·S values) with standard deviation {@code sigma} pixels (> 0). */
    public static float[] blur(float[] chw, int channels, int size, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("blur sigma must be > 0, got " + sigma);
        }
        if (chw.length != channels * size * size) {
            throw new IllegalArgumentException("expected " + channels + "x" + size + "x" + size + " values, got "
                    + chw.length);
        }
        double[] kernel = kernel(sigma);
        int r = kernel.length / 2;
        float[] rows = new float[chw.length];
        float[] out = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            int base = c * size * size;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double acc = 0;
                    for (int i = -r; i <= r; i++) {
                        acc += kernel[i + r] * chw[base + y * size + clamp(x + i, size)];
                    }
                    rows[base + y * size + x] = (float) acc;
                }
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double acc = 0;
                    for (int i = -r; i <= r; i++) {
                        acc += kernel[i + r] * rows[base + clamp(y + i, size) * size + x];
                    }
                    out[base + y * size + x] = (float) acc;
                }
            }
        }
        return out;
    }

    /** The normalised 1-D kernel, truncated at three standard deviations. */
    static double[] kernel(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-(double) i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static int clamp(int i, int size) {
        return Math.min(size - 1, Math.max(0, i));
    }
}
