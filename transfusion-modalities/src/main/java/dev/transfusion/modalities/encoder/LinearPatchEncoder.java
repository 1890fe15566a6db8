package dev.transfusion.modalities.encoder;

import dev.transfusion.backend.Env;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoder;
import dev.transfusion.modality.Patches;
import dev.transfusion.nn.Linear;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Tensor;
import java.util.List;

/**
 * The paper's linear patch encoder: k×k patches → Linear → + timestep embedding (+ a learned per-patch position
 * embedding); the decoder is a Linear back to k×k×C per patch.
 */
public final class LinearPatchEncoder implements ModalityEncoder {
    private final int patch;
    private final int channels;
    private final int size;
    private final int patches;
    private final Linear in;
    private final Linear out;
    private final String posEmbed;

    /**
     * Builds the encoder for {@code latent} images and {@code dim}-wide patch vectors with patch size {@code patch},
     * registering its parameters in {@code params}.
     */
    public LinearPatchEncoder(ParamBuilder params, int dim, LatentGeometry latent, int patch,
            PositionEmbedding positionEmbedding) {
        this.patch = patch;
        this.channels = latent.channels();
        this.size = latent.size();
        if (size % patch != 0) {
            throw new IllegalArgumentException("image.encoder.patch " + patch + " does not divide the latent size " + size);
        }
        this.patches = (size / patch) * (size / patch);
        int patchDim = channels * patch * patch;
        this.in = new Linear(params, "patch_in", patchDim, dim, true);
        this.out = new Linear(params, "patch_out", dim, patchDim, true, new Init.Normal(0.02 / Math.sqrt(dim)));
        this.posEmbed = positionEmbedding.register(params, size / patch, dim);
    }

    @Override
    public int patchesPerImage() {
        return patches;
    }

    @Override
    public EncodedImages encode(Env env, Tensor latents, Tensor timeEmb) {
        Tensor x = in.forward(env, Patches.patchify(env.ops().shape(), latents, patch)); // (N, P, dim)
        x = PatchConditioning.apply(env, x, timeEmb, posEmbed);
        return new EncodedImages(x, List.of());
    }

    @Override
    public Tensor decode(Env env, Tensor hidden, EncodedImages encoded, Tensor timeEmb) {
        Tensor y = out.forward(env, hidden); // (N, P, C·k·k)
        return Patches.unpatchify(env.ops().shape(), y, patch, channels, size, size);
    }
}
