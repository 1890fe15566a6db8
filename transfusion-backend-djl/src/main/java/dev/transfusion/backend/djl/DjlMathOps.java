package dev.transfusion.backend.djl;

import static dev.transfusion.backend.djl.DjlTensor.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.MathOps;
import java.util.Arrays;

/** Elementwise math, matmul, reductions and comparisons on PyTorch kernels (NumPy broadcasting throughout). */
final class DjlMathOps implements MathOps {
    private final DjlOps ops;

    DjlMathOps(DjlOps ops) {
        this.ops = ops;
    }

    private Tensor w(NDArray a) {
        return ops.wrap(a);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return w(nd(a).add(nd(b)));
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return w(nd(a).sub(nd(b)));
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return w(nd(a).mul(nd(b)));
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return w(nd(a).div(nd(b)));
    }

    @Override
    public Tensor add(Tensor a, double s) {
        return w(nd(a).add(ops.scalar(s)));
    }

    @Override
    public Tensor mul(Tensor a, double s) {
        return w(nd(a).mul(ops.scalar(s)));
    }

    @Override
    public Tensor neg(Tensor a) {
        return w(nd(a).neg());
    }

    @Override
    public Tensor exp(Tensor a) {
        return w(nd(a).exp());
    }

    @Override
    public Tensor log(Tensor a) {
        return w(nd(a).log());
    }

    @Override
    public Tensor sqrt(Tensor a) {
        return w(nd(a).sqrt());
    }

    @Override
    public Tensor rsqrt(Tensor a) {
        return w(nd(a).pow(ops.scalar(-0.5)));
    }

    @Override
    public Tensor square(Tensor a) {
        return w(nd(a).square());
    }

    @Override
    public Tensor pow(Tensor a, double p) {
        return w(nd(a).pow(ops.scalar(p)));
    }

    @Override
    public Tensor pow(Tensor a, Tensor p) {
        return w(nd(a).pow(nd(p)));
    }

    @Override
    public Tensor abs(Tensor a) {
        return w(nd(a).abs());
    }

    @Override
    public Tensor sin(Tensor a) {
        return w(nd(a).sin());
    }

    @Override
    public Tensor cos(Tensor a) {
        return w(nd(a).cos());
    }

    @Override
    public Tensor tanh(Tensor a) {
        return w(nd(a).tanh());
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return w(nd(a).getNDArrayInternal().sigmoid());
    }

    @Override
    public Tensor erf(Tensor a) {
        return w(nd(a).erf());
    }

    @Override
    public Tensor maximum(Tensor a, Tensor b) {
        return w(nd(a).maximum(nd(b)));
    }

    @Override
    public Tensor minimum(Tensor a, Tensor b) {
        return w(nd(a).minimum(nd(b)));
    }

    @Override
    public Tensor clip(Tensor a, double lo, double hi) {
        return w(nd(a).clip((float) lo, (float) hi));
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() < 2 || a.rank() != b.rank()) {
            throw new IllegalArgumentException("matmul needs two tensors of equal rank >= 2, got " + a.shape()
                    + " and " + b.shape());
        }
        return w(nd(a).matMul(nd(b)));
    }

    @Override
    public Tensor sum(Tensor a, boolean keepDims, int... axes) {
        NDArray x = nd(a);
        if (a.rank() == 0) {
            return w(x.sum());
        }
        return w(x.sum(normalized("sum", axes, a.rank()), keepDims));
    }

    @Override
    public Tensor mean(Tensor a, boolean keepDims, int... axes) {
        int[] ax = a.rank() == 0 ? new int[0] : normalized("mean", axes, a.rank());
        long count = 1;
        for (int i : ax) {
            count *= a.dim(i);
        }
        NDArray s = ax.length == 0 ? nd(a).sum() : nd(a).sum(ax, keepDims);
        return w(s.mul(ops.scalar(1.0 / count)));
    }

    @Override
    public Tensor max(Tensor a, boolean keepDims, int... axes) {
        NDArray x = nd(a);
        if (a.rank() == 0 || (!keepDims && (axes.length == 0 || axes.length == a.rank()))) {
            return w(x.max());
        }
        int[] ax = normalized("max", axes, a.rank());
        for (int i = ax.length - 1; i >= 0; i--) { // descending, so earlier axes keep their index
            x = x.max(new int[] {ax[i]}, keepDims);
        }
        return w(x);
    }

    @Override
    public Tensor argmax(Tensor a, int axis) {
        int ax = DjlOps.axis("argmax", axis, a.rank());
        return w(nd(a).argMax(ax).toType(DataType.INT32, false));
    }

    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return w(nd(a).gt(nd(b)));
    }

    @Override
    public Tensor less(Tensor a, Tensor b) {
        return w(nd(a).lt(nd(b)));
    }

    @Override
    public Tensor equal(Tensor a, Tensor b) {
        return w(nd(a).eq(nd(b)));
    }

    @Override
    public Tensor and(Tensor a, Tensor b) {
        return w(bool(nd(a)).logicalAnd(bool(nd(b))));
    }

    @Override
    public Tensor or(Tensor a, Tensor b) {
        return w(bool(nd(a)).logicalOr(bool(nd(b))));
    }

    @Override
    public Tensor not(Tensor a) {
        return w(bool(nd(a)).logicalNot());
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        // DJL's where wants equal shapes: broadcast all three to the common shape first
        long[] shape = broadcastShape(broadcastShape(cond.shape().dims(), a.shape().dims()), b.shape().dims());
        return w(NDArrays.where(expand(bool(nd(cond)), shape), expand(nd(a), shape), expand(nd(b), shape)));
    }

    private static NDArray expand(NDArray x, long[] shape) {
        return Arrays.equals(x.getShape().getShape(), shape) ? x : x.broadcast(shape);
    }

    /** NumPy broadcast of two shapes; incompatible shapes are an error naming both. */
    static long[] broadcastShape(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
            long db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b));
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    @Override
    public Tensor cast(Tensor a, DType dtype) {
        NDArray x = nd(a);
        DataType t = DjlTypes.djl(dtype);
        return x.getDataType() == t ? a : w(x.toType(t, false));
    }

    @Override
    public Tensor isFinite(Tensor a) {
        NDArray x = nd(a);
        if (!x.getDataType().isFloating()) {
            return w(ops.manager().full(x.getShape(), 1f, DataType.FLOAT32).toType(DataType.BOOLEAN, false));
        }
        return w(x.isNaN().logicalOr(x.isInfinite()).logicalNot());
    }

    @Override
    public Tensor stopGradient(Tensor a) {
        return w(nd(a).stopGradient());
    }

    private static NDArray bool(NDArray x) {
        return x.getDataType() == DataType.BOOLEAN ? x : x.toType(DataType.BOOLEAN, false);
    }

    /** Axes mapped into {@code [0, rank)}, sorted and distinct; empty means all axes. */
    static int[] normalized(String op, int[] axes, int rank) {
        if (axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = DjlOps.axis(op, axes[i], rank);
        }
        return Arrays.stream(out).sorted().distinct().toArray();
    }
}
