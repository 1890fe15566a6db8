package dev.transfusion.core.sequence;

/**
 * An image placed in a packed batch: its slot (index into the batch's image tensors), row, first position, the
 * clean latent segment, and whether text follows it in its document (then noise limiting may apply).
 */
public record PlacedImage(int slot, int row, int start, Segment.Image image, boolean textFollows) {
}
