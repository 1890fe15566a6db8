package dev.transfusion.tensor.ops;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Neural-network ops written once in terms of {@link MathOps}, {@link ShapeOps} and {@link RandomOps}, so every
 * backend gets them (and their gradients) for free. Backends supply the convolutions and may override the rest.
 */
public abstract class ComposedNnOps implements NnOps {
    private final Ops ops;

    /** Creates the composed ops over the backend's primitive ops. */
    protected ComposedNnOps(Ops ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /** The primitive ops. */
    protected Ops ops() {
        return ops;
    }

    private MathOps m() {
        return ops.math();
    }

    private ShapeOps s() {
        return ops.shape();
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        Tensor shifted = m().sub(x, m().stopGradient(m().max(x, true, axis)));
        Tensor e = m().exp(shifted);
        return m().div(e, m().sum(e, true, axis));
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        Tensor shifted = m().sub(x, m().stopGradient(m().max(x, true, axis)));
        return m().sub(shifted, m().log(m().sum(m().exp(shifted), true, axis)));
    }

    @Override
    public Tensor crossEntropy(Tensor logits, Tensor targets) {
        int v = Math.toIntExact(logits.dim(-1));
        Tensor logp = logSoftmax(logits, -1);
        return m().neg(m().sum(m().mul(logp, s().oneHot(targets, v)), false, -1));
    }

    @Override
    public Tensor rmsNorm(Tensor x, Tensor weight, double eps) {
        Tensor ms = m().mean(m().square(x), true, -1);
        return m().mul(m().mul(x, m().rsqrt(m().add(ms, eps))), weight);
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
        Tensor mu = m().mean(x, true, -1);
        Tensor xc = m().sub(x, mu);
        Tensor var = m().mean(m().square(xc), true, -1);
        Tensor y = m().mul(m().mul(xc, m().rsqrt(m().add(var, eps))), weight);
        return bias == null ? y : m().add(y, bias);
    }

    @Override
    public Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps) {
        long n = x.dim(0);
        long c = x.dim(1);
        long h = x.dim(2);
        long w = x.dim(3);
        checkGroups(c, groups);
        Tensor g = s().reshape(x, n, groups, -1);
        Tensor mu = m().mean(g, true, 2);
        Tensor gc = m().sub(g, mu);
        Tensor var = m().mean(m().square(gc), true, 2);
        Tensor normed = s().reshape(m().mul(gc, m().rsqrt(m().add(var, eps))), n, c, h, w);
        Tensor y = m().mul(normed, s().reshape(weight, 1, c, 1, 1));
        return bias == null ? y : m().add(y, s().reshape(bias, 1, c, 1, 1));
    }

    /** The group-norm precondition every implementation shares: {@code groups} must divide the channel count. */
    protected static void checkGroups(long channels, int groups) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException("groupNorm: " + channels + " channels not divisible by " + groups
                    + " groups");
        }
    }

    @Override
    public Tensor silu(Tensor x) {
        return m().mul(x, m().sigmoid(x));
    }

    @Override
    public Tensor gelu(Tensor x) {
        Tensor cdf = m().mul(m().add(m().erf(m().mul(x, 1.0 / Math.sqrt(2.0))), 1.0), 0.5);
        return m().mul(x, cdf);
    }

    @Override
    public Tensor linear(Tensor x, Tensor w, Tensor b) {
        // x (..., in) -> (N, in) @ (in, out) -> (..., out)
        long in = x.dim(-1);
        long out = w.dim(0);
        long[] dims = x.shape().dims();
        Tensor flat = s().reshape(x, -1, in);
        Tensor y = m().matmul(flat, s().transpose(w, 1, 0));
        if (b != null) {
            y = m().add(y, b);
        }
        dims[dims.length - 1] = out;
        return s().reshape(y, dims);
    }

    @Override
    public Tensor upsampleNearest2d(Tensor x, int factor) {
        long n = x.dim(0);
        long c = x.dim(1);
        long h = x.dim(2);
        long w = x.dim(3);
        Tensor e = s().reshape(x, n, c, h, 1, w, 1);
        e = s().broadcastTo(e, Shape.of(n, c, h, factor, w, factor));
        return s().reshape(e, n, c, h * factor, w * factor);
    }

    @Override
    public Tensor avgPool2d(Tensor x, int factor) {
        long n = x.dim(0);
        long c = x.dim(1);
        long h = x.dim(2);
        long w = x.dim(3);
        Tensor r = s().reshape(x, n, c, h / factor, factor, w / factor, factor);
        return m().mean(r, false, 3, 5);
    }

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, double scale) {
        // scaling q (B,H,T,D) rather than the scores (B,H,T,S) is the same product on a smaller tensor
        Tensor scores = m().matmul(m().mul(q, scale), s().transpose(k, 0, 1, 3, 2)); // (B,H,T,S)
        if (mask != null) {
            scores = m().add(scores, mask);
        }
        return m().matmul(softmax(scores, -1), v);
    }

    @Override
    public Tensor rope(Tensor x, Tensor cos, Tensor sin) {
        long half = x.dim(-1) / 2;
        Tensor x1 = s().slice(x, -1, 0, half);
        Tensor x2 = s().slice(x, -1, half, half);
        Tensor r1 = m().sub(m().mul(x1, cos), m().mul(x2, sin));
        Tensor r2 = m().add(m().mul(x2, cos), m().mul(x1, sin));
        return s().concat(List.of(r1, r2), -1);
    }

    @Override
    public Tensor dropout(Tensor x, double p, Tensor seed) {
        if (p <= 0) {
            return x;
        }
        Tensor keep = m().cast(m().greater(ops.random().uniform(x.shape(), seed), ops.create().scalar(p)), DType.FLOAT32);
        return m().mul(m().mul(x, keep), 1.0 / (1.0 - p));
    }
}
