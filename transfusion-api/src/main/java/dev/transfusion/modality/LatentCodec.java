package dev.transfusion.modality;

import dev.transfusion.tensor.HostTensor;

/**
 * Maps pixel images {@code (N, C, H, W)} in [0, 1] to the latents the transformer diffuses and back. Runs outside
 * the transformer's program (a VAE uses its own frozen backend programs).
 */
public interface LatentCodec {
    /** The latent shape for images of {@code channels × imageSize × imageSize}. */
    LatentGeometry latentGeometry(int channels, int imageSize);

    /** Pixels in [0, 1] → latents (scaled to roughly unit variance). */
    HostTensor encode(HostTensor images);

    /** Latents → pixels, clamped to [0, 1]. */
    HostTensor decode(HostTensor latents);
}
