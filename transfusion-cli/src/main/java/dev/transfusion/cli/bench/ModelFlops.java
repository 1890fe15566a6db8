package dev.transfusion.cli.bench;

import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.param.ParamSpec;
import java.util.Objects;

/**
 * Training FLOPs per token by the PaLM formula (Chowdhery et al. 2022, appendix B):
 * {@code 6·N + 12·L·T·d}, where N counts the parameters every token's matmuls use (the transformer blocks, the
 * final norm and the LM head — not the token embedding table, which is a lookup, nor the per-image timestep
 * embedding and patch encoder/decoder), L is layers, T the sequence length and d the width (heads × head size).
 */
public record ModelFlops(long totalParams, long nonEmbeddingParams, int layers, int seqLen, int dim) {
    /** The formula as printed with the results. */
    public static final String FORMULA = "model FLOPs/token = 6*N + 12*L*T*d (PaLM); N = non-embedding params "
            + "(transformer blocks + final norm + LM head), L = layers, T = seq len, d = dim; "
            + "MFU = tokens/s * FLOPs/token / measured matmul peak";

    /** Counts the parameters of {@code model} trained on sequences of {@code seqLen}. */
    public static ModelFlops of(TransfusionModel model, int seqLen) {
        Objects.requireNonNull(model, "model");
        long total = 0;
        long nonEmbedding = 0;
        for (ParamSpec p : model.params()) {
            long n = p.shape().size();
            total += n;
            if (isNonEmbedding(p.name())) {
                nonEmbedding += n;
            }
        }
        var d = model.dims();
        return new ModelFlops(total, nonEmbedding, d.layers(), seqLen, d.dim());
    }

    /** True for parameters of the transformer stack and the LM head (PyTorch-style names). */
    static boolean isNonEmbedding(String name) {
        return name.startsWith("layers.") || name.startsWith("norm.") || name.startsWith("output.");
    }

    /** {@code 6·N}: forward (2N) plus backward (4N) matmul FLOPs per token. */
    public double parameterFlopsPerToken() {
        return 6.0 * nonEmbeddingParams;
    }

    /** {@code 12·L·T·d}: the attention score and value matmuls, forward and backward, per token. */
    public double attentionFlopsPerToken() {
        return 12.0 * layers * seqLen * dim;
    }

    /** The whole per-token training cost. */
    public double flopsPerToken() {
        return parameterFlopsPerToken() + attentionFlopsPerToken();
    }
}
