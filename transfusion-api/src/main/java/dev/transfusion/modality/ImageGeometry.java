package dev.transfusion.modality;

/** The pixel images of an experiment: {@code channels × size × size} ({@code image.channels}, {@code image.size}). */
public record ImageGeometry(int channels, int size) {
    public ImageGeometry {
        if (channels <= 0 || size <= 0) {
            throw new IllegalArgumentException("image channels and size must be > 0, got " + channels + ", " + size);
        }
    }
}
