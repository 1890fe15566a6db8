package dev.transfusion.nn;

import dev.transfusion.backend.Env;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;

/** RMSNorm over the last axis with a learned gain (Llama's pre-norm). */
public final class RmsNorm {
    private final String weight;
    private final double eps;

    /** Registers {@code <name>.weight}, initialised to ones and excluded from weight decay. */
    public RmsNorm(ParamBuilder params, String name, int dim, double eps) {
        this.weight = params.child(name).param("weight", Shape.of(dim), Init.ones(), false);
        this.eps = eps;
    }

    /** Normalises {@code x (..., dim)}. */
    public Tensor forward(Env env, Tensor x) {
        return env.ops().nn().rmsNorm(x, env.param(weight), eps);
    }
}
