package dev.transfusion.nn;

import dev.transfusion.backend.Env;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.List;

/**
 * The diffusion timestep embedding: sinusoidal features of t (as in DDPM/DiT, 256 frequencies) followed by
 * Linear → SiLU → Linear to {@code dim}.
 */
public final class TimestepEmbedding {
    private static final int FREQS = 128;
    private final Linear in;
    private final Linear out;

    /** Registers {@code <name>.mlp.0} and {@code <name>.mlp.2}. */
    public TimestepEmbedding(ParamBuilder params, String name, int dim) {
        ParamBuilder p = params.child(name).child("mlp");
        this.in = new Linear(p, "0", 2 * FREQS, dim, true);
        this.out = new Linear(p, "2", dim, dim, true);
    }

    /** {@code t (N)} float timesteps → {@code (N, dim)}. */
    public Tensor forward(Env env, Tensor t) {
        Ops ops = env.ops();
        float[] freqs = new float[FREQS];
        for (int i = 0; i < FREQS; i++) {
            freqs[i] = (float) Math.exp(-Math.log(10000.0) * i / FREQS);
        }
        Tensor f = ops.create().constant(HostTensor.floats(Shape.of(1, FREQS), freqs));
        Tensor args = ops.math().mul(ops.shape().expandDims(t, 1), f); // (N, FREQS)
        Tensor feats = ops.shape().concat(List.of(ops.math().cos(args), ops.math().sin(args)), 1);
        return out.forward(env, ops.nn().silu(in.forward(env, feats)));
    }
}
