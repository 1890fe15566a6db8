package dev.transfusion.data.shapes;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads the shapes back out of an RGB image (e.g. a generated, noisy or blurry one): the background is the median
 * colour of the border, foreground pixels are those far from it, and each 8-connected blob of them, trimmed to the
 * pixels at least half as far from the background as its core (the edge of a blurred shape), is one shape. A blob's
 * colour is the palette colour nearest to its most saturated half; its class comes from its bounding box (a triangle
 * has most of its mass in one half, a square fills the box, a circle fills π/4 of it); its size from the box side.
 */
public final class ShapesOracle {
    /** RGB distance from the background above which a pixel is foreground (6σ of σ = 0.05 noise). */
    public static final double FOREGROUND_DISTANCE = 0.3;

    private static final double TRIANGLE_ASYMMETRY = 0.25;
    private static final double CORE_FRACTION = 0.5;
    private static final double SQUARE_FILL = (Math.PI / 4 + 1) / 2;

    private final int imageSize;
    private final int minPixels;
    private final double sizeThreshold;

    /** An oracle for {@code imageSize}² images of the {@code shapes} dataset. */
    public ShapesOracle(int imageSize) {
        if (imageSize < 8) {
            throw new IllegalArgumentException("image size must be >= 8, got " + imageSize);
        }
        this.imageSize = imageSize;
        int small = SizeClass.SMALL.extent(imageSize);
        this.minPixels = Math.max(3, (int) (0.3 * small * small / 2));
        this.sizeThreshold = (small + SizeClass.LARGE.extent(imageSize)) / 2.0;
    }

    /** The shapes in {@code image} (3, S, S), ordered by centre x then y. */
    public List<DetectedShape> detect(HostTensor image) {
        Objects.requireNonNull(image, "image");
        if (image.dtype() != DType.FLOAT32 || image.shape().rank() != 3 || image.shape().dim(0) != 3
                || image.shape().dim(1) != imageSize || image.shape().dim(2) != imageSize) {
            throw new IllegalArgumentException("the oracle reads float32 (3, " + imageSize + ", " + imageSize
                    + ") images, got " + image);
        }
        float[] x = image.floats();
        int s = imageSize, plane = s * s;
        float[] bg = borderMedian(x, s);
        float[] dist = new float[plane];
        for (int p = 0; p < plane; p++) {
            float dr = x[p] - bg[0], dg = x[plane + p] - bg[1], db = x[2 * plane + p] - bg[2];
            dist[p] = (float) Math.sqrt(dr * dr + dg * dg + db * db);
        }
        boolean[] fg = new boolean[plane];
        for (int p = 0; p < plane; p++) {
            fg[p] = dist[p] > FOREGROUND_DISTANCE;
        }
        boolean[] seen = new boolean[plane];
        boolean[] core = new boolean[plane];
        boolean[] seenCore = new boolean[plane];
        int[] blob = new int[plane];
        int[] part = new int[plane];
        List<DetectedShape> found = new ArrayList<>();
        for (int seed = 0; seed < plane; seed++) {
            if (!fg[seed] || seen[seed]) {
                continue;
            }
            int n = flood(seed, fg, seen, blob, s);
            // blurred edges: keep pixels at least half as far from the background as the blob's core (~ the true
            // edge), which also splits blobs that blur merged across a narrow gap
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                d[i] = dist[blob[i]];
            }
            Arrays.sort(d);
            double cut = Math.max(FOREGROUND_DISTANCE, CORE_FRACTION * d[(int) (0.9 * (n - 1))]);
            for (int i = 0; i < n; i++) {
                core[blob[i]] = dist[blob[i]] >= cut;
            }
            for (int i = 0; i < n; i++) {
                int q = blob[i];
                if (core[q] && !seenCore[q]) {
                    int m = flood(q, core, seenCore, part, s);
                    if (m >= minPixels) {
                        found.add(describe(Arrays.copyOf(part, m), x, dist, s));
                    }
                }
            }
        }
        found.sort(Comparator.comparingDouble(DetectedShape::x).thenComparingDouble(DetectedShape::y));
        return List.copyOf(found);
    }

    /** How well {@code image} shows what {@code caption} says, attribute by attribute. */
    public AttributeScore score(ShapesCaption caption, HostTensor image) {
        Objects.requireNonNull(caption, "caption");
        return AttributeMatcher.score(caption, detect(image));
    }

    /** {@link #score(ShapesCaption, HostTensor)} for a caption string, parsed with {@link ShapesCaptions#parse}. */
    public AttributeScore score(String caption, HostTensor image) {
        return score(ShapesCaptions.parse(caption), image);
    }

    /** Collects the 8-connected pixels of {@code mask} reachable from {@code seed} into {@code out[0, n)}. */
    private static int flood(int seed, boolean[] mask, boolean[] seen, int[] out, int s) {
        int head = 0, tail = 0;
        out[tail++] = seed;
        seen[seed] = true;
        while (head < tail) {
            int p = out[head++], px = p % s, py = p / s;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int qx = px + dx, qy = py + dy;
                    if (qx < 0 || qy < 0 || qx >= s || qy >= s) {
                        continue;
                    }
                    int q = qy * s + qx;
                    if (mask[q] && !seen[q]) {
                        seen[q] = true;
                        out[tail++] = q;
                    }
                }
            }
        }
        return tail;
    }

    private DetectedShape describe(int[] pixels, float[] x, float[] dist, int s) {
        int plane = s * s, minX = s, minY = s, maxX = -1, maxY = -1;
        for (int p : pixels) {
            minX = Math.min(minX, p % s);
            maxX = Math.max(maxX, p % s);
            minY = Math.min(minY, p / s);
            maxY = Math.max(maxY, p / s);
        }
        int w = maxX - minX + 1, h = maxY - minY + 1;
        double midY = (minY + maxY + 1) / 2.0;
        double top = 0, bottom = 0;
        for (int p : pixels) {
            double cy = p / s + 0.5;
            if (cy < midY) {
                top++;
            } else if (cy > midY) {
                bottom++;
            } else {
                top += 0.5;
                bottom += 0.5;
            }
        }
        double asymmetry = Math.abs(bottom - top) / pixels.length;
        double fill = pixels.length / (double) (w * h);
        ShapeKind kind = asymmetry > TRIANGLE_ASYMMETRY ? ShapeKind.TRIANGLE
                : fill > SQUARE_FILL ? ShapeKind.SQUARE : ShapeKind.CIRCLE;
        // colour: mean of the half of the pixels farthest from the background (the blob's core, not blurred edges)
        float[] d = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            d[i] = dist[pixels[i]];
        }
        float[] sorted = d.clone();
        Arrays.sort(sorted);
        float cut = sorted[sorted.length / 2];
        double r = 0, g = 0, b = 0;
        int n = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (d[i] >= cut) {
                int p = pixels[i];
                r += x[p];
                g += x[plane + p];
                b += x[2 * plane + p];
                n++;
            }
        }
        PaletteColour colour = PaletteColour.nearest(r / n, g / n, b / n);
        SizeClass size = Math.max(w, h) >= sizeThreshold ? SizeClass.LARGE : SizeClass.SMALL;
        return new DetectedShape(kind, colour, size, (minX + maxX + 1) / 2.0 / s, (minY + maxY + 1) / 2.0 / s,
                pixels.length);
    }

    /** Per-channel median of the one-pixel border. */
    private static float[] borderMedian(float[] x, int s) {
        int plane = s * s;
        float[] out = new float[3];
        for (int c = 0; c < 3; c++) {
            float[] v = new float[4 * s - 4];
            int n = 0;
            for (int i = 0; i < s; i++) {
                v[n++] = x[c * plane + i];
                v[n++] = x[c * plane + (s - 1) * s + i];
                if (i > 0 && i < s - 1) {
                    v[n++] = x[c * plane + i * s];
                    v[n++] = x[c * plane + i * s + s - 1];
                }
            }
            Arrays.sort(v, 0, n);
            out[c] = v[n / 2];
        }
        return out;
    }
}
