package dev.transfusion.data.shapes;

/** One object as a caption names it; a field is null when the caption does not say it. */
public record ShapeDescription(ShapeKind kind, PaletteColour colour, SizeClass size) {
    /** The description of a drawn shape (all fields set). */
    public static ShapeDescription of(PlacedShape shape) {
        return new ShapeDescription(shape.kind(), shape.colour(), shape.size());
    }

    /** True when nothing was recognised. */
    public boolean isEmpty() {
        return kind == null && colour == null && size == null;
    }
}
