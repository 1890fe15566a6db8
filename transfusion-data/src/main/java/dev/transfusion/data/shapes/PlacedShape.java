package dev.transfusion.data.shapes;

import java.util.Map;
import java.util.Objects;

/**
 * One shape of a scene: kind, colour, size, and its bounding box, a square of side {@code extent} pixels whose
 * top-left pixel is ({@code left}, {@code top}).
 */
public record PlacedShape(ShapeKind kind, PaletteColour colour, SizeClass size, int left, int top, int extent) {
    /** Checks the fields. */
    public PlacedShape {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(size, "size");
        if (left < 0 || top < 0 || extent < 1) {
            throw new IllegalArgumentException("bad placement left=" + left + " top=" + top + " extent=" + extent);
        }
    }

    /** Centre x in pixels (the bounding box's centre). */
    public double centreX() {
        return left + extent / 2.0;
    }

    /** Centre y in pixels (the bounding box's centre). */
    public double centreY() {
        return top + extent / 2.0;
    }

    /** The structured label: {@code {shape, colour, size, x, y}} with x, y the centre as fractions of the side. */
    public Map<String, Object> label(int imageSize) {
        return Map.of("shape", kind.word(), "colour", colour.word(), "size", size.word(),
                "x", centreX() / imageSize, "y", centreY() / imageSize);
    }

    /** True when pixel ({@code px}, {@code py}) is covered (tested at the pixel centre). */
    public boolean covers(int px, int py) {
        double u = px + 0.5 - left, v = py + 0.5 - top, h = extent / 2.0;
        if (u < 0 || v < 0 || u > extent || v > extent) {
            return false;
        }
        return switch (kind) {
            case SQUARE -> true;
            case CIRCLE -> (u - h) * (u - h) + (v - h) * (v - h) <= h * h;
            case TRIANGLE -> Math.abs(u - h) <= v / 2.0; // apex at (h, 0), base along v = extent
        };
    }
}
