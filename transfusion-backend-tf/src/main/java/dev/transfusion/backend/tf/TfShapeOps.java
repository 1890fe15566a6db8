package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.ShapeOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TInt32;

/** Reshape, transpose, concat, slice, gather and friends as graph ops, with shapes checked at trace time. */
@SuppressWarnings({"unchecked", "rawtypes"})
final class TfShapeOps implements ShapeOps {
    private final TfTrace t;

    TfShapeOps(TfTrace trace) {
        this.t = Objects.requireNonNull(trace, "trace");
    }

    private Ops tf() {
        return t.tf();
    }

    @Override
    public Tensor reshape(Tensor a, long... dims) {
        Objects.requireNonNull(a, "a");
        long[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + a.shape() + " to " + Arrays.toString(dims)
                            + ": only one dimension may be -1");
                }
                infer = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape to " + Arrays.toString(dims) + ": negative dimension");
            } else {
                known *= d[i];
            }
        }
        long size = a.shape().size();
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + a.shape() + " to " + Arrays.toString(dims));
            }
            d[infer] = size / known;
        } else if (known != size) {
            throw new IllegalArgumentException("cannot reshape " + a.shape() + " (" + size + " elements) to "
                    + Arrays.toString(dims));
        }
        return t.wrap(tf().reshape(t.op(a), t.ints(d)));
    }

    @Override
    public Tensor transpose(Tensor a, int... perm) {
        Objects.requireNonNull(a, "a");
        if (perm.length != a.rank()) {
            throw new IllegalArgumentException("transpose of " + a.shape() + " needs " + a.rank() + " axes, got "
                    + Arrays.toString(perm));
        }
        int[] p = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = a.shape().normalizeAxis(perm[i]);
            if (seen[p[i]]) {
                throw new IllegalArgumentException("transpose permutation repeats an axis: " + Arrays.toString(perm));
            }
            seen[p[i]] = true;
        }
        return t.wrap(tf().linalg.transpose(t.op(a), tf().constant(p)));
    }

    @Override
    public Tensor concat(List<Tensor> parts, int axis) {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat of zero tensors");
        }
        if (parts.size() == 1) {
            return t.cast(parts.get(0), parts.get(0).dtype());
        }
        int ax = parts.get(0).shape().normalizeAxis(axis);
        DType d = parts.get(0).dtype();
        List<Operand> ops = new ArrayList<>();
        for (Tensor p : parts) {
            if (p.dtype() != d || p.rank() != parts.get(0).rank()) {
                throw new IllegalArgumentException("concat needs tensors of one dtype and rank; got " + p.shape() + " "
                        + p.dtype() + " after " + parts.get(0).shape() + " " + d);
            }
            ops.add(t.op(p));
        }
        return t.wrap(tf().concat((List) ops, tf().constant(ax)));
    }

    @Override
    public Tensor slice(Tensor a, int axis, long start, long length) {
        Objects.requireNonNull(a, "a");
        int ax = a.shape().normalizeAxis(axis);
        if (start < 0 || length < 0 || start + length > a.dim(ax)) {
            throw new IllegalArgumentException("slice [" + start + ", " + (start + length) + ") is outside axis " + ax
                    + " of " + a.shape());
        }
        long[] begin = new long[a.rank()];
        long[] size = a.shape().dims();
        begin[ax] = start;
        size[ax] = length;
        return t.wrap(tf().slice(t.op(a), t.ints(begin), t.ints(size)));
    }

    @Override
    public Tensor gather(Tensor a, Tensor indices, int axis) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(indices, "indices");
        if (indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("gather indices must be INT32, got " + indices.dtype());
        }
        int ax = a.shape().normalizeAxis(axis);
        return t.wrap(tf().gather(t.op(a), t.<TInt32>op(indices), tf().constant(ax)));
    }

    @Override
    public Tensor broadcastTo(Tensor a, Shape shape) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(shape, "shape");
        checkBroadcastable(a.shape(), shape);
        if (a.shape().equals(shape)) {
            return t.cast(a, a.dtype());
        }
        return t.wrap(tf().broadcastTo(t.op(a), t.ints(shape.dims())));
    }

    private static void checkBroadcastable(Shape from, Shape to) {
        boolean ok = from.rank() <= to.rank();
        for (int i = 1; ok && i <= from.rank(); i++) {
            long f = from.dim(-i);
            ok = f == 1 || f == to.dim(-i);
        }
        if (!ok) {
            throw new IllegalArgumentException("cannot broadcast " + from + " to " + to);
        }
    }

    @Override
    public Tensor expandDims(Tensor a, int axis) {
        Objects.requireNonNull(a, "a");
        int r = a.rank() + 1;
        int ax = axis < 0 ? axis + r : axis;
        if (ax < 0 || ax >= r) {
            throw new IllegalArgumentException("expandDims axis " + axis + " out of range for " + a.shape());
        }
        return t.wrap(tf().expandDims(t.op(a), tf().constant(ax)));
    }

    @Override
    public Tensor squeeze(Tensor a, int axis) {
        Objects.requireNonNull(a, "a");
        int ax = a.shape().normalizeAxis(axis);
        if (a.dim(ax) != 1) {
            throw new IllegalArgumentException("squeeze axis " + axis + " of " + a.shape() + " has size " + a.dim(ax));
        }
        return t.wrap(tf().squeeze(t.op(a), Squeeze.axis((long) ax)));
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth) {
        Objects.requireNonNull(indices, "indices");
        if (indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("oneHot indices must be INT32, got " + indices.dtype());
        }
        return t.wrap(tf().oneHot(t.<TInt32>op(indices), tf().constant(depth), tf().constant(1f), tf().constant(0f)));
    }

    @Override
    public Tensor stack(List<Tensor> parts, int axis) {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack of zero tensors");
        }
        int r = parts.get(0).rank() + 1;
        int ax = axis < 0 ? axis + r : axis;
        if (ax < 0 || ax >= r) {
            throw new IllegalArgumentException("stack axis " + axis + " out of range for " + parts.get(0).shape());
        }
        List<Operand> ops = new ArrayList<>();
        for (Tensor p : parts) {
            if (!p.shape().equals(parts.get(0).shape()) || p.dtype() != parts.get(0).dtype()) {
                throw new IllegalArgumentException("stack needs equal shapes and dtypes; got " + p.shape() + " after "
                        + parts.get(0).shape());
            }
            ops.add(t.op(p));
        }
        return t.wrap(tf().stack((List) ops, Stack.axis((long) ax)));
    }
}
