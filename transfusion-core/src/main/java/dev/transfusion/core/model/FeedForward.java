package dev.transfusion.core.model;

import dev.transfusion.backend.Env;
import dev.transfusion.nn.Linear;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Tensor;

/** Llama's SwiGLU MLP: {@code w2(silu(w1 x) * w3 x)}, no biases. */
public final class FeedForward {
    private final Linear w1;
    private final Linear w2;
    private final Linear w3;

    /** Registers {@code w1, w2, w3} under {@code params}. */
    public FeedForward(ParamBuilder params, TransformerDims dims) {
        this.w1 = new Linear(params, "w1", dims.dim(), dims.mlpHidden(), false);
        this.w2 = new Linear(params, "w2", dims.mlpHidden(), dims.dim(), false,
                new Init.Normal(1.0 / Math.sqrt(dims.mlpHidden()) / Math.sqrt(2.0 * dims.layers())));
        this.w3 = new Linear(params, "w3", dims.dim(), dims.mlpHidden(), false);
    }

    /** {@code (..., dim) -> (..., dim)}. */
    public Tensor forward(Env env, Tensor x) {
        var m = env.ops().math();
        return w2.forward(env, m.mul(env.ops().nn().silu(w1.forward(env, x)), w3.forward(env, x)));
    }
}
