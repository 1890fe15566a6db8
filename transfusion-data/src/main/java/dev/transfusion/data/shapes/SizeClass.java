package dev.transfusion.data.shapes;

import java.util.Locale;

/** Small or large, the two shape sizes of the {@code shapes} dataset. */
public enum SizeClass {
    /** About a quarter of the image side. */
    SMALL,
    /** About two fifths of the image side. */
    LARGE;

    /** The caption word, e.g. {@code small}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bounding-box side in pixels of a shape of this size in a {@code imageSize}² image (always odd). */
    public int extent(int imageSize) {
        double fraction = this == SMALL ? 0.125 : 0.19;
        return 2 * (int) Math.round(fraction * imageSize) + 1;
    }
}
