package dev.transfusion.core.config;

import dev.transfusion.core.model.PatchPositions;

/**
 * {@code model:} the transformer's size (Llama-2 style: pre-RMSNorm, SwiGLU, RoPE). {@code mlpHidden} 0 means
 * {@link #effectiveMlpHidden()}; {@code patchPositions} places image
 * patches for RoPE: {@code raster} (1-D, the paper) or {@code grid} (with their row and column, see
 * {@link dev.transfusion.core.model.RotaryPositions}).
 */
public record ModelConfig(int dim, int layers, int heads, int mlpHidden, double normEps, double ropeTheta,
        boolean tieEmbeddings, String patchPositions) {
    public ModelConfig {
        Checks.positive("dim", dim);
        Checks.positive("layers", layers);
        Checks.positive("heads", heads);
        if (dim % heads != 0) {
            throw new InvalidValueException("heads", "heads (" + heads + ") must divide dim (" + dim + ")");
        }
        if ((dim / heads) % 2 != 0) {
            throw new InvalidValueException("heads", "the head size dim/heads = " + dim / heads
                    + " must be even for rotary embeddings (dim " + dim + ", heads " + heads + ")");
        }
        Checks.nonNegative("mlp_hidden", mlpHidden);
        Checks.positive("norm_eps", normEps);
        Checks.positive("rope_theta", ropeTheta);
        try {
            PatchPositions.parse(patchPositions);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("patch_positions", e.getMessage());
        }
    }

    /** The defaults: dim 256, 6 layers, 8 heads, automatic MLP width. */
    public static ModelConfig defaults() {
        return new ModelConfig(256, 6, 8, 0, 1.0e-5, 10000.0, false, "raster");
    }

    /** How image patches are placed for RoPE. */
    public PatchPositions parsedPatchPositions() {
        return PatchPositions.parse(patchPositions);
    }

    /** Size of one attention head, {@code dim / heads}. */
    public int headDim() {
        return dim / heads;
    }

    /**
     * The SwiGLU hidden width: {@code mlpHidden} when set, else Llama's rule {@code 2/3 · 4 · dim} rounded up to a
     * multiple of 8.
     */
    public int effectiveMlpHidden() {
        if (mlpHidden > 0) {
            return mlpHidden;
        }
        int h = (int) Math.ceil(8.0 * dim / 3.0);
        return (h + 7) / 8 * 8;
    }
}
