package dev.transfusion.data.shapes;

/**
 * A shape found in an image by {@link ShapesOracle}: its class, colour, size, centre (x, y as fractions of the image
 * side, y downwards) and pixel count. Fields may be null when it comes from a caption that does not say them.
 */
public record DetectedShape(ShapeKind kind, PaletteColour colour, SizeClass size, double x, double y, int pixels) {
}
