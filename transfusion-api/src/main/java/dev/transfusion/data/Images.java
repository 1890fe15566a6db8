package dev.transfusion.data;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * Image files and tensors: {@code (C, H, W)} float32 in [0, 1] with C = 1 (grey) or 3 (RGB). PNGs are written
 * atomically, images read are centre-cropped to a square and area-resampled.
 */
public final class Images {
    private Images() {
    }

    /** Writes {@code image} as a PNG to {@code file} through a temporary file and a rename (values clamped). */
    public static void toPng(HostTensor image, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        BufferedImage img = toBufferedImage(image);
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            if (!javax.imageio.ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available for " + file);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code image} (C, H, W) as an 8-bit grey or RGB image. */
    public static BufferedImage toBufferedImage(HostTensor image) {
        int[] d = checkImage(image, "image");
        int c = d[0], h = d[1], w = d[2];
        float[] x = image.floats();
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < w; i++) {
                int p = y * w + i;
                if (c == 1) {
                    int v = to8(x[p]);
                    img.getRaster().setSample(i, y, 0, v);
                } else {
                    img.setRGB(i, y, (to8(x[p]) << 16) | (to8(x[h * w + p]) << 8) | to8(x[2 * h * w + p]));
                }
            }
        }
        return img;
    }

    /**
     * The tiles laid out row by row in {@code columns} columns with {@code padding} white pixels between and around
     * them. Tiles must share H and W; grey tiles are repeated to RGB when any tile is RGB.
     */
    public static HostTensor grid(List<HostTensor> tiles, int columns, int padding) {
        Objects.requireNonNull(tiles, "tiles");
        if (tiles.isEmpty() || columns < 1 || padding < 0) {
            throw new IllegalArgumentException("grid needs tiles, columns >= 1 and padding >= 0; got " + tiles.size()
                    + " tiles, columns " + columns + ", padding " + padding);
        }
        int[] first = checkImage(tiles.get(0), "tile 0");
        int h = first[1], w = first[2], c = 1;
        for (int t = 0; t < tiles.size(); t++) {
            int[] d = checkImage(tiles.get(t), "tile " + t);
            if (d[1] != h || d[2] != w) {
                throw new IllegalArgumentException("tile " + t + " is " + d[1] + "x" + d[2] + " but tile 0 is " + h + "x" + w);
            }
            c = Math.max(c, d[0]);
        }
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int gh = rows * h + (rows + 1) * padding, gw = cols * w + (cols + 1) * padding;
        float[] out = new float[c * gh * gw];
        java.util.Arrays.fill(out, 1f);
        for (int t = 0; t < tiles.size(); t++) {
            HostTensor tile = tiles.get(t);
            int tc = tile.shape().dimInt(0);
            float[] x = tile.floats();
            int oy = padding + (t / cols) * (h + padding), ox = padding + (t % cols) * (w + padding);
            for (int ch = 0; ch < c; ch++) {
                int src = (tc == 1 ? 0 : ch) * h * w;
                for (int y = 0; y < h; y++) {
                    System.arraycopy(x, src + y * w, out, ch * gh * gw + (oy + y) * gw + ox, w);
                }
            }
        }
        return HostTensor.floats(Shape.of(c, gh, gw), out); // (C, gh, gw)
    }

    /** Reads a PNG/JPEG/... file as RGB {@code (3, size, size)}: centre-cropped to a square, area-resampled. */
    public static HostTensor read(Path file, int size) throws IOException {
        Objects.requireNonNull(file, "file");
        BufferedImage img;
        try {
            img = javax.imageio.ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot decode image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IOException("not a readable image (no decoder recognises it): " + file);
        }
        return fromBufferedImage(img, size);
    }

    /** {@code img} as RGB {@code (3, size, size)} in [0, 1]; transparency is composited over white. */
    public static HostTensor fromBufferedImage(BufferedImage img, int size) {
        Objects.requireNonNull(img, "img");
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        int w = img.getWidth(), h = img.getHeight();
        float[] rgb = new float[3 * h * w];
        java.awt.image.Raster raster = img.getRaster();
        // getRGB treats grey as linear and gamma-converts it; grey samples are read raw instead
        boolean grey = img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && raster.getNumBands() <= 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float a, r, g, b;
                if (grey) {
                    float v = raster.getSample(x, y, 0) / maxSample(raster, 0);
                    a = raster.getNumBands() == 2 ? raster.getSample(x, y, 1) / maxSample(raster, 1) : 1f;
                    r = g = b = v;
                } else {
                    int argb = img.getRGB(x, y);
                    a = ((argb >>> 24) & 0xFF) / 255f;
                    r = ((argb >>> 16) & 0xFF) / 255f;
                    g = ((argb >>> 8) & 0xFF) / 255f;
                    b = (argb & 0xFF) / 255f;
                }
                int p = y * w + x;
                rgb[p] = a * r + (1 - a);
                rgb[h * w + p] = a * g + (1 - a);
                rgb[2 * h * w + p] = a * b + (1 - a);
            }
        }
        return resizeSquare(HostTensor.floats(Shape.of(3, h, w), rgb), size);
    }

    /** {@code image} (C, H, W) centre-cropped to a square and area-resampled to (C, size, size). */
    public static HostTensor resizeSquare(HostTensor image, int size) {
        int[] d = checkImage(image, "image");
        int c = d[0], h = d[1], w = d[2], side = Math.min(h, w);
        int y0 = (h - side) / 2, x0 = (w - side) / 2;
        float[][] wts = boxWeights(side, size);
        int[] from = new int[size], to = new int[size];
        for (int o = 0; o < size; o++) {
            from[o] = (int) Math.floor((double) o * side / size);
            to[o] = Math.min(side, (int) Math.ceil((double) (o + 1) * side / size));
        }
        float[] x = image.floats();
        float[] tmp = new float[side * size];
        float[] out = new float[c * size * size];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < side; y++) { // horizontal pass: (side, size)
                int row = ch * h * w + (y0 + y) * w + x0;
                for (int o = 0; o < size; o++) {
                    float s = 0;
                    for (int j = from[o]; j < to[o]; j++) {
                        s += wts[o][j] * x[row + j];
                    }
                    tmp[y * size + o] = s;
                }
            }
            for (int o = 0; o < size; o++) { // vertical pass: (size, size)
                for (int i = 0; i < size; i++) {
                    float s = 0;
                    for (int j = from[o]; j < to[o]; j++) {
                        s += wts[o][j] * tmp[j * size + i];
                    }
                    out[ch * size * size + o * size + i] = s;
                }
            }
        }
        return HostTensor.floats(Shape.of(c, size, size), out);
    }

    /** w[o][j]: share of output cell o covered by input cell j (rows sum to 1). */
    private static float[][] boxWeights(int in, int out) {
        float[][] w = new float[out][in];
        double s = (double) in / out;
        for (int o = 0; o < out; o++) {
            double lo = o * s, hi = (o + 1) * s;
            for (int j = (int) Math.floor(lo); j < Math.min(in, (int) Math.ceil(hi)); j++) {
                double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
                w[o][j] = (float) (overlap / s);
            }
        }
        return w;
    }

    private static int[] checkImage(HostTensor image, String what) {
        Objects.requireNonNull(image, what);
        if (image.dtype() != DType.FLOAT32 || image.shape().rank() != 3
                || (image.shape().dim(0) != 1 && image.shape().dim(0) != 3)) {
            throw new IllegalArgumentException(what + " must be float32 (C, H, W) with C = 1 or 3, got " + image);
        }
        return image.shape().intDims();
    }

    private static float maxSample(java.awt.image.Raster raster, int band) {
        return (float) ((1L << raster.getSampleModel().getSampleSize(band)) - 1);
    }

    private static int to8(float v) {
        float c = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
        return Math.round(c * 255f);
    }
}
