package dev.transfusion.nn;

import dev.transfusion.backend.Env;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;

/** A dense layer with PyTorch's {@code (out, in)} weight layout and an optional bias. */
public final class Linear {
    private final String weight;
    private final String bias;
    private final int in;
    private final int out;

    /** Registers {@code <name>.weight} (and {@code <name>.bias}) with a scaled-normal init. */
    public Linear(ParamBuilder params, String name, int in, int out, boolean bias) {
        this(params, name, in, out, bias, new Init.Normal(1.0 / Math.sqrt(in)));
    }

    /** Registers the layer with an explicit weight init (e.g. zeros for output projections of residual paths). */
    public Linear(ParamBuilder params, String name, int in, int out, boolean bias, Init init) {
        ParamBuilder p = params.child(name);
        this.in = in;
        this.out = out;
        this.weight = p.param("weight", Shape.of(out, in), init, true);
        this.bias = bias ? p.param("bias", Shape.of(out), Init.zeros(), false) : null;
    }

    /** {@code (..., in) -> (..., out)}. */
    public Tensor forward(Env env, Tensor x) {
        return env.ops().nn().linear(x, env.param(weight), bias == null ? null : env.param(bias));
    }

    /** Input width. */
    public int in() {
        return in;
    }

    /** Output width. */
    public int out() {
        return out;
    }
}
