package dev.transfusion.data.shapes;

import java.util.Locale;

/** The plain backgrounds of the {@code shapes} dataset. */
public enum Background {
    /** Pure white. */
    WHITE(1f),
    /** Light grey (217/255). */
    GREY(217 / 255f);

    private final float level;

    Background(float level) {
        this.level = level;
    }

    /** The grey level in [0, 1] of all three channels. */
    public float level() {
        return level;
    }

    /** The label word, e.g. {@code white}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
