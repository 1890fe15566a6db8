package dev.transfusion.data.shapes;

import java.util.Locale;

/** The fixed palette of well-separated, saturated shape colours (exact 8-bit RGB). */
public enum PaletteColour {
    /** Red. */
    RED(230, 25, 25),
    /** Green. */
    GREEN(30, 170, 50),
    /** Blue. */
    BLUE(30, 60, 220),
    /** Yellow. */
    YELLOW(240, 210, 20),
    /** Purple. */
    PURPLE(150, 40, 190),
    /** Orange. */
    ORANGE(245, 130, 20);

    private final int r;
    private final int g;
    private final int b;

    PaletteColour(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
    }

    /** The caption word, e.g. {@code red}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The colour as {r, g, b} in [0, 1]. */
    public float[] rgb() {
        return new float[] {r / 255f, g / 255f, b / 255f};
    }

    /** The palette colour nearest (Euclidean RGB) to {@code (red, green, blue)} in [0, 1]. */
    public static PaletteColour nearest(double red, double green, double blue) {
        PaletteColour best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (PaletteColour c : values()) {
            double dr = red - c.r / 255.0, dg = green - c.g / 255.0, db = blue - c.b / 255.0;
            double d = dr * dr + dg * dg + db * db;
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }
}
