package dev.transfusion.eval;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.Objects;
import java.util.Random;

/**
 * The default {@link FeatureExtractor}: "fixed random conv features". Three 3×3 stride-2 convolutions (RGB → 16 → 32
 * → 32 channels, zero padding, ReLU) with He-scaled Gaussian weights drawn once from a fixed seed, then an average
 * pool of the last map onto a 2×2 grid: 128 features that keep colour, coarse shape and position. Needs no trained
 * weights, runs in plain Java on the host, and is identical on every machine ({@link Random} is specified).
 */
public final class RandomConvFeatures implements FeatureExtractor {
    /** The seed of the default instance. */
    public static final long DEFAULT_SEED = 1234;

    private static final int[] CHANNELS = {3, 16, 32, 32};
    private static final int GRID = 2;

    private final long seed;
    private final float[][] weights; // per layer (out, in, 3, 3)

    /** The extractor with weights drawn from {@link #DEFAULT_SEED}. */
    public RandomConvFeatures() {
        this(DEFAULT_SEED);
    }

    /** The extractor with weights drawn from {@code seed}. */
    public RandomConvFeatures(long seed) {
        this.seed = seed;
        Random rng = new Random(seed);
        weights = new float[CHANNELS.length - 1][];
        for (int l = 0; l + 1 < CHANNELS.length; l++) {
            int in = CHANNELS[l], out = CHANNELS[l + 1];
            double std = Math.sqrt(2.0 / (in * 9));
            float[] w = new float[out * in * 9];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rng.nextGaussian() * std);
            }
            weights[l] = w;
        }
    }

    @Override
    public String name() {
        return "fixed random conv features (3x conv3x3/2 + ReLU, 2x2 avg pool, 128-d, seed " + seed + ")";
    }

    @Override
    public int dimension() {
        return CHANNELS[CHANNELS.length - 1] * GRID * GRID;
    }

    @Override
    public double[] features(HostTensor image) {
        Objects.requireNonNull(image, "image");
        if (image.dtype() != DType.FLOAT32 || image.shape().rank() != 3
                || (image.shape().dim(0) != 1 && image.shape().dim(0) != 3)) {
            throw new IllegalArgumentException("features need a float32 (C, H, W) image with C = 1 or 3, got " + image);
        }
        int c = image.shape().dimInt(0), h = image.shape().dimInt(1), w = image.shape().dimInt(2);
        if (h < 16 || w < 16) {
            throw new IllegalArgumentException("features need images of at least 16x16 pixels, got " + h + "x" + w);
        }
        float[] src = image.floats();
        float[] x = new float[3 * h * w]; // (3, H, W) in [-1, 1]; grey is repeated to RGB
        for (int ch = 0; ch < 3; ch++) {
            int from = (c == 1 ? 0 : ch) * h * w;
            for (int p = 0; p < h * w; p++) {
                x[ch * h * w + p] = 2 * src[from + p] - 1;
            }
        }
        for (int l = 0; l < weights.length; l++) {
            int oh = (h + 1) / 2, ow = (w + 1) / 2;
            x = convRelu(x, CHANNELS[l], h, w, weights[l], CHANNELS[l + 1], oh, ow);
            h = oh;
            w = ow;
        }
        return gridPool(x, CHANNELS[CHANNELS.length - 1], h, w);
    }

    /** 3×3 convolution, stride 2, padding 1, then ReLU: (in, H, W) → (out, oh, ow). */
    private static float[] convRelu(float[] x, int in, int h, int w, float[] k, int out, int oh, int ow) {
        float[] y = new float[out * oh * ow];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = 0;
                    for (int ci = 0; ci < in; ci++) {
                        for (int dy = 0; dy < 3; dy++) {
                            int yy = 2 * i + dy - 1;
                            if (yy < 0 || yy >= h) {
                                continue;
                            }
                            for (int dx = 0; dx < 3; dx++) {
                                int xx = 2 * j + dx - 1;
                                if (xx >= 0 && xx < w) {
                                    s += k[((o * in + ci) * 3 + dy) * 3 + dx] * x[(ci * h + yy) * w + xx];
                                }
                            }
                        }
                    }
                    y[(o * oh + i) * ow + j] = (float) Math.max(0, s);
                }
            }
        }
        return y;
    }

    /** Mean of each channel over each cell of a 2×2 grid (cells split at ⌊H/2⌋, ⌊W/2⌋), channel-major. */
    private static double[] gridPool(float[] x, int ch, int h, int w) {
        double[] out = new double[ch * GRID * GRID];
        int[] ys = {0, h / GRID, h};
        int[] xs = {0, w / GRID, w};
        for (int c = 0; c < ch; c++) {
            for (int gy = 0; gy < GRID; gy++) {
                for (int gx = 0; gx < GRID; gx++) {
                    double s = 0;
                    for (int i = ys[gy]; i < ys[gy + 1]; i++) {
                        for (int j = xs[gx]; j < xs[gx + 1]; j++) {
                            s += x[(c * h + i) * w + j];
                        }
                    }
                    out[(c * GRID + gy) * GRID + gx] = s / ((ys[gy + 1] - ys[gy]) * (xs[gx + 1] - xs[gx]));
                }
            }
        }
        return out;
    }
}
