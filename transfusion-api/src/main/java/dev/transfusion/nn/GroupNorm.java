package dev.transfusion.nn;

import dev.transfusion.backend.Env;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Objects;

/** GroupNorm over NCHW with a per-channel gain and bias (PyTorch's {@code nn.GroupNorm}, eps 1e-6). */
public final class GroupNorm {
    private static final double EPS = 1e-6;
    private final String weight;
    private final String bias;
    private final int groups;

    /** Registers {@code <name>.weight} (ones) and {@code <name>.bias} (zeros); {@code groups} must divide channels. */
    public GroupNorm(ParamBuilder params, String name, int groups, int channels) {
        Objects.requireNonNull(params, "params");
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException("group norm " + name + ": " + groups + " groups do not divide "
                    + channels + " channels");
        }
        ParamBuilder p = params.child(name);
        this.weight = p.param("weight", Shape.of(channels), Init.ones(), false);
        this.bias = p.param("bias", Shape.of(channels), Init.zeros(), false);
        this.groups = groups;
    }

    /** Normalises {@code x (N, C, H, W)}. */
    public Tensor forward(Env env, Tensor x) {
        return env.ops().nn().groupNorm(x, groups, env.param(weight), env.param(bias), EPS);
    }
}
