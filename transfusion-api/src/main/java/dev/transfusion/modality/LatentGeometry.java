package dev.transfusion.modality;

/** The latent image the transformer sees: {@code channels × size × size} (after the latent codec). */
public record LatentGeometry(int channels, int size) {
    public LatentGeometry {
        if (channels <= 0 || size <= 0) {
            throw new IllegalArgumentException("latent channels and size must be > 0, got " + channels + ", " + size);
        }
    }

    /** Elements per latent image. */
    public int elements() {
        return channels * size * size;
    }
}
