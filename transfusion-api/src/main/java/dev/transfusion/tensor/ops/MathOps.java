package dev.transfusion.tensor.ops;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Tensor;

/**
 * Elementwise math with NumPy broadcasting, matrix products, reductions and comparisons. Every differentiable op
 * here is covered by the backend contract suite's finite-difference check.
 */
public interface MathOps {
    /** {@code a + b}. */
    Tensor add(Tensor a, Tensor b);

    /** {@code a - b}. */
    Tensor sub(Tensor a, Tensor b);

    /** {@code a * b}. */
    Tensor mul(Tensor a, Tensor b);

    /** {@code a / b}. */
    Tensor div(Tensor a, Tensor b);

    /** {@code a + s}. */
    Tensor add(Tensor a, double s);

    /** {@code a * s}. */
    Tensor mul(Tensor a, double s);

    /** {@code -a}. */
    Tensor neg(Tensor a);

    /** {@code e^a}. */
    Tensor exp(Tensor a);

    /** Natural log. */
    Tensor log(Tensor a);

    /** Square root. */
    Tensor sqrt(Tensor a);

    /** {@code 1 / sqrt(a)}. */
    Tensor rsqrt(Tensor a);

    /** {@code a * a}. */
    Tensor square(Tensor a);

    /** {@code a ^ p} for a constant exponent. */
    Tensor pow(Tensor a, double p);

    /** {@code a ^ p} elementwise with broadcasting, for an exponent that is itself a tensor. */
    Tensor pow(Tensor a, Tensor p);

    /** {@code |a|}. */
    Tensor abs(Tensor a);

    /** Sine. */
    Tensor sin(Tensor a);

    /** Cosine. */
    Tensor cos(Tensor a);

    /** Hyperbolic tangent. */
    Tensor tanh(Tensor a);

    /** Logistic sigmoid. */
    Tensor sigmoid(Tensor a);

    /** Gauss error function. */
    Tensor erf(Tensor a);

    /** Elementwise maximum. */
    Tensor maximum(Tensor a, Tensor b);

    /** Elementwise minimum. */
    Tensor minimum(Tensor a, Tensor b);

    /** Clamps into {@code [lo, hi]}. */
    Tensor clip(Tensor a, double lo, double hi);

    /**
     * Matrix product over the last two axes, batched and broadcast over leading axes (both inputs of the same
     * rank, at least 2): {@code (..., m, k) x (..., k, n) -> (..., m, n)}.
     */
    Tensor matmul(Tensor a, Tensor b);

    /** Sum over {@code axes} (all axes when empty). */
    Tensor sum(Tensor a, boolean keepDims, int... axes);

    /** Mean over {@code axes} (all axes when empty). */
    Tensor mean(Tensor a, boolean keepDims, int... axes);

    /** Maximum over {@code axes} (all axes when empty); the gradient flows to the arg-max. */
    Tensor max(Tensor a, boolean keepDims, int... axes);

    /** Index of the maximum along {@code axis}, as int32 (not differentiable). */
    Tensor argmax(Tensor a, int axis);

    /** {@code a > b} as bool. */
    Tensor greater(Tensor a, Tensor b);

    /** {@code a < b} as bool. */
    Tensor less(Tensor a, Tensor b);

    /** {@code a == b} as bool. */
    Tensor equal(Tensor a, Tensor b);

    /** Logical and of two bool tensors. */
    Tensor and(Tensor a, Tensor b);

    /** Logical or of two bool tensors. */
    Tensor or(Tensor a, Tensor b);

    /** Logical not of a bool tensor. */
    Tensor not(Tensor a);

    /** {@code cond ? a : b} elementwise with broadcasting; the gradient flows to the chosen side. */
    Tensor where(Tensor cond, Tensor a, Tensor b);

    /** Converts the element type (bool to float gives 0/1). */
    Tensor cast(Tensor a, DType dtype);

    /** Elementwise "is finite" as bool. */
    Tensor isFinite(Tensor a);

    /** Stops gradients: the value of {@code a}, treated as a constant. */
    Tensor stopGradient(Tensor a);
}
