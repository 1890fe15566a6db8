package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.MathOps;
import java.util.Objects;
import java.util.function.BinaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Elementwise math, matrix products, reductions and comparisons as graph ops. Mixed dtypes are promoted
 * (bool &lt; int32 &lt; float32) as NumPy and PyTorch do; float-only functions cast int inputs to float32.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class TfMathOps implements MathOps {
    private final TfTrace t;

    TfMathOps(TfTrace trace) {
        this.t = Objects.requireNonNull(trace, "trace");
    }

    private Ops tf() {
        return t.tf();
    }

    private Tensor binary(Tensor a, Tensor b, BinaryOperator<Operand> f) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        DType d = promote(a.dtype(), b.dtype());
        return t.wrap(f.apply(t.op(t.cast(a, d)), t.op(t.cast(b, d))));
    }

    private static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a == DType.FLOAT32 || b == DType.FLOAT32) {
            return DType.FLOAT32;
        }
        return DType.INT32;
    }

    private Tensor withScalar(Tensor a, double s, BinaryOperator<Operand> f) {
        Objects.requireNonNull(a, "a");
        DType d = a.dtype() == DType.FLOAT32 || s != Math.rint(s) ? DType.FLOAT32 : DType.INT32;
        return t.wrap(f.apply(t.op(t.cast(a, d)), t.scalar(s, d)));
    }

    private Operand<TFloat32> fl(Tensor a) {
        return t.floatOp(Objects.requireNonNull(a, "a"));
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary(a, b, (x, y) -> tf().math.add(x, y));
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary(a, b, (x, y) -> tf().math.sub(x, y));
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary(a, b, (x, y) -> tf().math.mul(x, y));
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return t.wrap(tf().math.realDiv(fl(a), fl(b)));
    }

    @Override
    public Tensor add(Tensor a, double s) {
        return withScalar(a, s, (x, y) -> tf().math.add(x, y));
    }

    @Override
    public Tensor mul(Tensor a, double s) {
        return withScalar(a, s, (x, y) -> tf().math.mul(x, y));
    }

    @Override
    public Tensor neg(Tensor a) {
        return t.wrap(tf().math.neg(t.op(t.cast(a, a.dtype() == DType.BOOL ? DType.INT32 : a.dtype()))));
    }

    @Override
    public Tensor exp(Tensor a) {
        return t.wrap(tf().math.exp(fl(a)));
    }

    @Override
    public Tensor log(Tensor a) {
        return t.wrap(tf().math.log(fl(a)));
    }

    @Override
    public Tensor sqrt(Tensor a) {
        return t.wrap(tf().math.sqrt(fl(a)));
    }

    @Override
    public Tensor rsqrt(Tensor a) {
        return t.wrap(tf().math.rsqrt(fl(a)));
    }

    @Override
    public Tensor square(Tensor a) {
        return t.wrap(tf().math.square(fl(a)));
    }

    @Override
    public Tensor pow(Tensor a, double p) {
        if (p == 1) {
            return t.wrap(tf().identity(fl(a)));
        }
        if (p == 2) {
            return square(a);
        }
        if (p == 0.5) {
            return sqrt(a);
        }
        return t.wrap(tf().math.pow(fl(a), tf().constant((float) p)));
    }

    @Override
    public Tensor pow(Tensor a, Tensor p) {
        return t.wrap(tf().math.pow(fl(a), fl(p)));
    }

    @Override
    public Tensor abs(Tensor a) {
        return t.wrap(tf().math.abs(t.op(t.cast(a, a.dtype() == DType.BOOL ? DType.INT32 : a.dtype()))));
    }

    @Override
    public Tensor sin(Tensor a) {
        return t.wrap(tf().math.sin(fl(a)));
    }

    @Override
    public Tensor cos(Tensor a) {
        return t.wrap(tf().math.cos(fl(a)));
    }

    @Override
    public Tensor tanh(Tensor a) {
        return t.wrap(tf().math.tanh(fl(a)));
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return t.wrap(tf().math.sigmoid(fl(a)));
    }

    @Override
    public Tensor erf(Tensor a) {
        return t.wrap(tf().math.erf(fl(a)));
    }

    @Override
    public Tensor maximum(Tensor a, Tensor b) {
        return binary(a, b, (x, y) -> tf().math.maximum(x, y));
    }

    @Override
    public Tensor minimum(Tensor a, Tensor b) {
        return binary(a, b, (x, y) -> tf().math.minimum(x, y));
    }

    @Override
    public Tensor clip(Tensor a, double lo, double hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("clip: lo " + lo + " > hi " + hi);
        }
        Operand<TFloat32> x = fl(a);
        return t.wrap(tf().math.minimum(tf().math.maximum(x, tf().constant((float) lo)), tf().constant((float) hi)));
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.rank() < 2 || a.rank() != b.rank()) {
            throw new IllegalArgumentException("matmul needs two tensors of equal rank >= 2, got " + a.shape() + " and "
                    + b.shape());
        }
        if (a.dim(-1) != b.dim(-2)) {
            throw new IllegalArgumentException("matmul inner dimensions differ: " + a.shape() + " x " + b.shape());
        }
        if (a.rank() == 2) {
            return t.wrap(tf().linalg.matMul(fl(a), fl(b), MatMul.transposeA(false)));
        }
        return t.wrap(tf().train.batchMatMul(fl(a), fl(b), TFloat32.class));
    }

    /** The reduction axes as a constant: {@code axes}, or every axis when empty. */
    private Operand<TInt32> axes(Tensor a, int... axes) {
        int rank = a.rank();
        int[] r;
        if (axes.length == 0) {
            r = new int[rank];
            for (int i = 0; i < rank; i++) {
                r[i] = i;
            }
        } else {
            r = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                r[i] = a.shape().normalizeAxis(axes[i]);
            }
        }
        return tf().constant(r);
    }

    @Override
    public Tensor sum(Tensor a, boolean keepDims, int... axes) {
        Operand x = a.dtype() == DType.BOOL ? t.op(t.cast(a, DType.INT32)) : t.op(a);
        return t.wrap(tf().sum(x, axes(a, axes), Sum.keepDims(keepDims)));
    }

    @Override
    public Tensor mean(Tensor a, boolean keepDims, int... axes) {
        return t.wrap(tf().math.mean(fl(a), axes(a, axes), Mean.keepDims(keepDims)));
    }

    @Override
    public Tensor max(Tensor a, boolean keepDims, int... axes) {
        Operand x = a.dtype() == DType.BOOL ? t.op(t.cast(a, DType.INT32)) : t.op(a);
        return t.wrap(tf().max(x, axes(a, axes), Max.keepDims(keepDims)));
    }

    @Override
    public Tensor argmax(Tensor a, int axis) {
        Objects.requireNonNull(a, "a");
        int ax = a.shape().normalizeAxis(axis);
        Operand x = tf().stopGradient(a.dtype() == DType.BOOL ? t.op(t.cast(a, DType.INT32)) : t.op(a));
        return t.wrap(tf().math.argMax(x, tf().constant(ax), TInt32.class));
    }

    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return binary(a, b, (x, y) -> tf().math.greater(x, y));
    }

    @Override
    public Tensor less(Tensor a, Tensor b) {
        return binary(a, b, (x, y) -> tf().math.less(x, y));
    }

    @Override
    public Tensor equal(Tensor a, Tensor b) {
        return binary(a, b, (x, y) -> tf().math.equal(x, y));
    }

    private Operand<TBool> bool(Tensor a) {
        return t.op(t.cast(Objects.requireNonNull(a, "a"), DType.BOOL));
    }

    @Override
    public Tensor and(Tensor a, Tensor b) {
        return t.wrap(tf().math.logicalAnd(bool(a), bool(b)));
    }

    @Override
    public Tensor or(Tensor a, Tensor b) {
        return t.wrap(tf().math.logicalOr(bool(a), bool(b)));
    }

    @Override
    public Tensor not(Tensor a) {
        return t.wrap(tf().math.logicalNot(bool(a)));
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        DType d = promote(a.dtype(), b.dtype());
        return t.wrap(tf().select(bool(cond), t.op(t.cast(a, d)), t.op(t.cast(b, d))));
    }

    @Override
    public Tensor cast(Tensor a, DType dtype) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(dtype, "dtype");
        return t.cast(a, dtype);
    }

    @Override
    public Tensor isFinite(Tensor a) {
        Objects.requireNonNull(a, "a");
        if (a.dtype() != DType.FLOAT32) {
            return t.wrap(tf().fill(t.ints(a.shape().dims()), tf().constant(true)));
        }
        return t.wrap(tf().math.isFinite(tf().stopGradient(t.<TFloat32>op(a))));
    }

    @Override
    public Tensor stopGradient(Tensor a) {
        return t.wrap(tf().stopGradient(t.op(Objects.requireNonNull(a, "a"))));
    }
}
