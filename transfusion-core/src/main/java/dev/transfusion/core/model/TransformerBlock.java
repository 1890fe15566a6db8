package dev.transfusion.core.model;

import dev.transfusion.backend.Env;
import dev.transfusion.nn.RmsNorm;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Tensor;

/** One pre-norm Llama block: {@code h = x + attn(norm(x)); out = h + ffn(norm(h))}. */
public final class TransformerBlock {
    private final RmsNorm attentionNorm;
    private final Attention attention;
    private final RmsNorm ffnNorm;
    private final FeedForward feedForward;

    /** Registers the block's parameters under {@code params} (e.g. {@code layers.3}). */
    public TransformerBlock(ParamBuilder params, TransformerDims dims) {
        this.attentionNorm = new RmsNorm(params, "attention_norm", dims.dim(), dims.normEps());
        this.attention = new Attention(params.child("attention"), dims);
        this.ffnNorm = new RmsNorm(params, "ffn_norm", dims.dim(), dims.normEps());
        this.feedForward = new FeedForward(params.child("feed_forward"), dims);
    }

    /** {@code x (B, T, dim)} → same shape, plus the updated cache tensors when {@code cache} is given. */
    public Attention.Output forward(Env env, Tensor x, Tensor cos, Tensor sin, Tensor mask, KvCache cache) {
        var m = env.ops().math();
        Attention.Output a = attention.forward(env, attentionNorm.forward(env, x), cos, sin, mask, cache);
        Tensor h = m.add(x, a.hidden());
        Tensor out = m.add(h, feedForward.forward(env, ffnNorm.forward(env, h)));
        return new Attention.Output(out, a.keys(), a.values());
    }
}
