package dev.transfusion.core.model;

import dev.transfusion.backend.Env;
import dev.transfusion.nn.Linear;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.MathOps;
import dev.transfusion.tensor.ops.Ops;
import dev.transfusion.tensor.ops.ShapeOps;

/** Multi-head self-attention with RoPE and no biases (Llama), optionally reading and writing a KV cache. */
public final class Attention {
    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear wo;
    private final int heads;
    private final int headDim;

    /** Registers {@code wq, wk, wv, wo} under {@code params}. */
    public Attention(ParamBuilder params, TransformerDims dims) {
        int d = dims.dim();
        this.wq = new Linear(params, "wq", d, d, false);
        this.wk = new Linear(params, "wk", d, d, false);
        this.wv = new Linear(params, "wv", d, d, false);
        this.wo = new Linear(params, "wo", d, d, false, new Init.Normal(1.0 / Math.sqrt(d) / Math.sqrt(2.0 * dims.layers())));
        this.heads = dims.heads();
        this.headDim = dims.headDim();
    }

    /** The result and, when a cache was given, its updated tensors. */
    public record Output(Tensor hidden, Tensor keys, Tensor values) {
    }

    /**
     * {@code x (B, T, dim)}, RoPE tables {@code cos, sin (T, D/2)}, additive {@code mask} broadcastable to
     * {@code (B, H, T, S)} where S is T without a cache or the cache capacity with one.
     */
    public Output forward(Env env, Tensor x, Tensor cos, Tensor sin, Tensor mask, KvCache cache) {
        Ops ops = env.ops();
        ShapeOps s = ops.shape();
        MathOps m = ops.math();
        long b = x.dim(0);
        long t = x.dim(1);
        Tensor q = ops.nn().rope(split(s, wq.forward(env, x), b, t), cos, sin); // (B, H, T, D)
        Tensor k = ops.nn().rope(split(s, wk.forward(env, x), b, t), cos, sin);
        Tensor v = split(s, wv.forward(env, x), b, t);
        if (cache != null) {
            // Move each new row to its slot, keep the old cache elsewhere: (B, H, S, D).
            k = m.where(m.greater(cache.slotIsNew(), ops.create().scalar(0.5)), s.gather(k, cache.slotSource(), 2), cache.keys());
            v = m.where(m.greater(cache.slotIsNew(), ops.create().scalar(0.5)), s.gather(v, cache.slotSource(), 2), cache.values());
        }
        Tensor y = ops.nn().attention(q, k, v, mask, 1.0 / Math.sqrt(headDim)); // (B, H, T, D)
        y = s.reshape(s.transpose(y, 0, 2, 1, 3), b, t, (long) heads * headDim);
        return new Output(wo.forward(env, y), k, v);
    }

    private Tensor split(ShapeOps s, Tensor x, long b, long t) {
        return s.transpose(s.reshape(x, b, t, heads, headDim), 0, 2, 1, 3);
    }
}
