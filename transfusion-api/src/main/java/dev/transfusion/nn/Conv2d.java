package dev.transfusion.nn;

import dev.transfusion.backend.Env;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Objects;

/**
 * A square 2-D convolution with PyTorch's {@code (out, in, k, k)} weight layout, a bias, and by default "same"
 * padding ({@code k / 2}), so stride 1 keeps the size and stride 2 halves an even size.
 */
public final class Conv2d {
    private final String weight;
    private final String bias;
    private final int in;
    private final int out;
    private final int stride;
    private final int padding;

    /** Registers {@code <name>.weight} and {@code <name>.bias} with PyTorch's default uniform(±1/√fan_in) init. */
    public Conv2d(ParamBuilder params, String name, int in, int out, int kernel, int stride) {
        this(params, name, in, out, kernel, stride, new Init.Uniform(1.0 / Math.sqrt((double) in * kernel * kernel)));
    }

    /** Registers the convolution with an explicit weight init (e.g. a small one for output layers). */
    public Conv2d(ParamBuilder params, String name, int in, int out, int kernel, int stride, Init init) {
        this(params, name, in, out, kernel, stride, kernel / 2, init);
    }

    /**
     * Registers the convolution with an explicit zero padding per side instead of "same" (e.g. a stride-k window
     * wider than k whose outputs must line up with the k×k patch grid).
     */
    public Conv2d(ParamBuilder params, String name, int in, int out, int kernel, int stride, int padding, Init init) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(init, "init");
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("conv " + name + ": in, out, kernel and stride must be > 0, got "
                    + in + ", " + out + ", " + kernel + ", " + stride);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("conv " + name + ": padding must be >= 0, got " + padding);
        }
        ParamBuilder p = params.child(name);
        this.weight = p.param("weight", Shape.of(out, in, kernel, kernel), init, true);
        this.bias = p.param("bias", Shape.of(out), Init.zeros(), false);
        this.in = in;
        this.out = out;
        this.stride = stride;
        this.padding = padding;
    }

    /** {@code (N, in, H, W) -> (N, out, H', W')}; with "same" padding {@code H' = H / stride}. */
    public Tensor forward(Env env, Tensor x) {
        return env.ops().nn().conv2d(x, env.param(weight), env.param(bias), stride, padding);
    }

    /** Input channels. */
    public int in() {
        return in;
    }

    /** Output channels. */
    public int out() {
        return out;
    }
}
