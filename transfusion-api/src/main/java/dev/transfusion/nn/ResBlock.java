package dev.transfusion.nn;

import dev.transfusion.backend.Env;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;

/**
 * A ResNet block as in DDPM/diffusers' {@code ResnetBlock2D}:
 * {@code h = conv1(SiLU(norm1(x))) + time_emb_proj(SiLU(t))[:, :, None, None]},
 * {@code out = shortcut(x) + conv2(SiLU(norm2(h)))}, where the shortcut is a 1×1 conv when the channel count
 * changes. Without a time dimension the block has no time projection (the VAE's blocks).
 */
public final class ResBlock {
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d shortcut;

    /**
     * Registers {@code <name>.norm1, conv1, time_emb_proj, norm2, conv2} (and {@code conv_shortcut} when
     * {@code in != out}); {@code timeDim <= 0} means no time conditioning.
     */
    public ResBlock(ParamBuilder params, String name, int in, int out, int groups, int timeDim) {
        ParamBuilder p = params.child(name);
        this.norm1 = new GroupNorm(p, "norm1", groups, in);
        this.conv1 = new Conv2d(p, "conv1", in, out, 3, 1);
        this.timeProj = timeDim > 0 ? new Linear(p, "time_emb_proj", timeDim, out, true) : null;
        this.norm2 = new GroupNorm(p, "norm2", groups, out);
        // a smaller last conv keeps each block close to the identity at initialisation
        this.conv2 = new Conv2d(p, "conv2", out, out, 3, 1, new Init.Uniform(0.1 / Math.sqrt(9.0 * out)));
        this.shortcut = in != out ? new Conv2d(p, "conv_shortcut", in, out, 1, 1) : null;
    }

    /** {@code x (N, in, H, W)} and {@code timeEmb (N, timeDim)} (null without time conditioning) → {@code (N, out, H, W)}. */
    public Tensor forward(Env env, Tensor x, Tensor timeEmb) {
        Ops ops = env.ops();
        Tensor h = conv1.forward(env, ops.nn().silu(norm1.forward(env, x))); // (N, out, H, W)
        if (timeProj != null) {
            if (timeEmb == null) {
                throw new IllegalArgumentException("this ResNet block is time-conditioned but got no time embedding");
            }
            Tensor t = timeProj.forward(env, ops.nn().silu(timeEmb)); // (N, out)
            h = ops.math().add(h, ops.shape().reshape(t, t.dim(0), t.dim(1), 1, 1));
        }
        h = conv2.forward(env, ops.nn().silu(norm2.forward(env, h)));
        Tensor skip = shortcut == null ? x : shortcut.forward(env, x);
        return ops.math().add(skip, h);
    }
}
