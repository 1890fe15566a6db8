package dev.transfusion.modality;

import dev.transfusion.backend.Env;
import dev.transfusion.tensor.Tensor;

/**
 * A patch encoder/decoder pair for image latents (linear or U-Net), written against the tensor API. Its
 * parameters were registered when it was built; both directions run inside the model's program.
 */
public interface ModalityEncoder {
    /** Patches per image (P) for the latent geometry it was built for. */
    int patchesPerImage();

    /**
     * {@code latents (N, C, h, w)} and the timestep embedding {@code timeEmb (N, dim)} → {@code (N, P, dim)} patch
     * vectors (with the time embedding added) and the skips the decoder needs.
     */
    EncodedImages encode(Env env, Tensor latents, Tensor timeEmb);

    /** Transformer outputs at the patch positions {@code hidden (N, P, dim)} → prediction {@code (N, C, h, w)}. */
    Tensor decode(Env env, Tensor hidden, EncodedImages encoded, Tensor timeEmb);
}
