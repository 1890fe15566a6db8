package dev.transfusion.core.model;

/**
 * The shape of the Llama-style transformer: width, depth, heads, SwiGLU hidden width, norm epsilon, RoPE base
 * and vocabulary size, and how image patches are placed for RoPE.
 */
public record TransformerDims(int dim, int layers, int heads, int mlpHidden, double normEps, double ropeTheta,
                              int vocab, boolean tieEmbeddings, PatchPositions patchPositions) {
    public TransformerDims {
        if (dim <= 0 || layers <= 0 || heads <= 0 || vocab <= 0) {
            throw new IllegalArgumentException("dim, layers, heads and vocab must be > 0");
        }
        if (dim % heads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("dim " + dim + " must split into " + heads + " heads of even width");
        }
        java.util.Objects.requireNonNull(patchPositions, "patchPositions");
        if (mlpHidden <= 0) {
            // The default width is ModelConfig.effectiveMlpHidden(): one rule, kept in the config.
            throw new IllegalArgumentException("mlpHidden must be > 0, got " + mlpHidden);
        }
    }

    /** The RoPE tables of this transformer. */
    public RotaryPositions rotary() {
        return new RotaryPositions(headDim(), ropeTheta, patchPositions);
    }

    /** Width of one head. */
    public int headDim() {
        return dim / heads;
    }
}
