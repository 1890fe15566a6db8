package dev.transfusion.core.model;

import dev.transfusion.backend.Env;
import dev.transfusion.nn.RmsNorm;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The block stack plus the final RMSNorm; embeddings and heads belong to the model around it. */
public final class Transformer {
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final RmsNorm norm;
    private final TransformerDims dims;

    /** Registers {@code layers.N.*} and {@code norm.weight} under {@code params}. */
    public Transformer(ParamBuilder params, TransformerDims dims) {
        this.dims = dims;
        ParamBuilder layers = params.child("layers");
        for (int i = 0; i < dims.layers(); i++) {
            blocks.add(new TransformerBlock(layers.child(Integer.toString(i)), dims));
        }
        this.norm = new RmsNorm(params, "norm", dims.dim(), dims.normEps());
    }

    /** The result: normalised hidden states and, with caches, each layer's updated keys and values. */
    public record Output(Tensor hidden, List<Tensor> keys, List<Tensor> values) {
    }

    /**
     * {@code x (B, T, dim)} → normalised {@code (B, T, dim)}. {@code caches} is null (no cache) or one per layer.
     */
    public Output forward(Env env, Tensor x, Tensor cos, Tensor sin, Tensor mask, List<KvCache> caches) {
        List<Tensor> keys = new ArrayList<>();
        List<Tensor> values = new ArrayList<>();
        Tensor h = x;
        for (int i = 0; i < blocks.size(); i++) {
            Attention.Output o = blocks.get(i).forward(env, h, cos, sin, mask, caches == null ? null : caches.get(i));
            h = o.hidden();
            keys.add(o.keys());
            values.add(o.values());
        }
        return new Output(norm.forward(env, h), keys, values);
    }

    /** The dimensions. */
    public TransformerDims dims() {
        return dims;
    }
}
