package dev.transfusion.model;

/**
 * The shape of the Llama-style transformer: width, depth, heads, SwiGLU hidden width, norm epsilon, RoPE base
 * and vocabulary size.
 */
public record TransformerDims(int dim, int layers, int heads, int mlpHidden, double normEps, double ropeTheta,
                              int vocab, boolean tieEmbeddings) {
    public TransformerDims {
        if (dim <= 0 || layers <= 0 || heads <= 0 || vocab <= 0) {
            throw new IllegalArgumentException("dim, layers, heads and vocab must be > 0");
        }
        if (dim % heads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("dim " + dim + " must split into " + heads + " heads of even width");
        }
        if (mlpHidden <= 0) {
            mlpHidden = defaultHidden(dim);
        }
    }

    /** Llama's SwiGLU width: 2/3 of 4·dim, rounded up to a multiple of 32. */
    public static int defaultHidden(int dim) {
        int h = (int) Math.round(8.0 * dim / 3.0);
        return (h + 31) / 32 * 32;
    }

    /** Width of one head. */
    public int headDim() {
        return dim / heads;
    }
}
