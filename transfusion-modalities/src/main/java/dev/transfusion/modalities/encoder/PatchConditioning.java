package dev.transfusion.modalities.encoder;

import dev.transfusion.backend.Env;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;

/** What both linear encoders add to their patch tokens: the timestep embedding and, if any, the position embedding. */
final class PatchConditioning {
    private PatchConditioning() {
    }

    /** {@code tokens (N, P, dim) + timeEmb (N, dim)} broadcast over patches, {@code + pos_embed (1, P, dim)}. */
    static Tensor apply(Env env, Tensor tokens, Tensor timeEmb, String posEmbed) {
        Ops ops = env.ops();
        Tensor x = ops.math().add(tokens, ops.shape().expandDims(timeEmb, 1));
        return posEmbed == null ? x : ops.math().add(x, env.param(posEmbed));
    }
}
