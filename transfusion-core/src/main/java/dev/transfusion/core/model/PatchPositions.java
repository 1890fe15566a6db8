package dev.transfusion.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an image's patches are placed for the rotary position embedding ({@code model.patch_positions}). */
public enum PatchPositions {
    /** Each patch takes its 1-D sequence position, in raster order (the paper; the default). */
    RASTER,
    /**
     * Each patch also carries its row and column in the image's patch grid, so attention between patches sees
     * their 2-D offset (see {@link RotaryPositions}); text positions are the same as under {@link #RASTER}.
     */
    GRID;

    /** The config spelling, e.g. {@code raster}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the config spelling; the message lists the accepted values. */
    public static PatchPositions parse(String value) {
        for (PatchPositions p : values()) {
            if (p.key().equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected " + Arrays.stream(values()).map(PatchPositions::key)
                .collect(Collectors.joining(" or ")) + ", got '" + value + "'");
    }
}
