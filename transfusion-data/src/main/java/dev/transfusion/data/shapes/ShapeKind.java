package dev.transfusion.data.shapes;

import java.util.Locale;

/** The shape classes the {@code shapes} dataset draws. */
public enum ShapeKind {
    /** A filled disc (fills π/4 of its bounding box). */
    CIRCLE,
    /** A filled axis-aligned square (fills its bounding box). */
    SQUARE,
    /** A filled upward isosceles triangle (fills half its bounding box, mass in the lower half). */
    TRIANGLE;

    /** The caption word, e.g. {@code circle}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
