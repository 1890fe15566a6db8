package dev.transfusion.backend.djl;

import static dev.transfusion.backend.djl.DjlTensor.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.ShapeOps;
import java.util.List;
import java.util.Objects;

/** Reshape, permute, concat, slice and index-tensor gathers on PyTorch views and advanced indexing. */
final class DjlShapeOps implements ShapeOps {
    private final DjlOps ops;

    DjlShapeOps(DjlOps ops) {
        this.ops = ops;
    }

    @Override
    public Tensor reshape(Tensor a, long... dims) {
        return ops.wrap(nd(a).reshape(new ai.djl.ndarray.types.Shape(dims)));
    }

    @Override
    public Tensor transpose(Tensor a, int... perm) {
        if (perm.length != a.rank()) {
            throw new IllegalArgumentException("transpose: permutation of length " + perm.length + " for shape "
                    + a.shape());
        }
        int[] p = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            p[i] = DjlOps.axis("transpose", perm[i], a.rank());
        }
        return ops.wrap(nd(a).transpose(p));
    }

    @Override
    public Tensor concat(List<Tensor> parts, int axis) {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        int ax = DjlOps.axis("concat", axis, parts.get(0).rank());
        NDList list = new NDList(parts.size());
        for (Tensor t : parts) {
            list.add(nd(t));
        }
        return ops.wrap(NDArrays.concat(list, ax));
    }

    @Override
    public Tensor slice(Tensor a, int axis, long start, long length) {
        int ax = DjlOps.axis("slice", axis, a.rank());
        long n = a.dim(ax);
        if (start < 0 || length < 0 || start + length > n) {
            throw new IllegalArgumentException("slice: [" + start + ", " + (start + length) + ") out of range for axis "
                    + axis + " of shape " + a.shape());
        }
        return ops.wrap(nd(a).get(NDIndex.sliceAxis(ax, start, start + length)));
    }

    @Override
    public Tensor gather(Tensor a, Tensor indices, int axis) {
        int ax = DjlOps.axis("gather", axis, a.rank());
        NDArray idx = nd(indices);
        if (idx.getDataType() != DataType.INT64) {
            idx = idx.toType(DataType.INT64, false); // PyTorch indexes with int64
        }
        // a[:, ..., idx] puts idx's shape where axis was: a.shape[:axis] + idx.shape + a.shape[axis+1:]
        return ops.wrap(nd(a).get(new NDIndex(":, ".repeat(ax) + "{}", idx)));
    }

    @Override
    public Tensor broadcastTo(Tensor a, Shape shape) {
        Objects.requireNonNull(shape, "shape");
        return ops.wrap(nd(a).broadcast(DjlTypes.djl(shape)));
    }

    @Override
    public Tensor expandDims(Tensor a, int axis) {
        int ax = DjlOps.axis("expandDims", axis, a.rank() + 1);
        return ops.wrap(nd(a).expandDims(ax));
    }

    @Override
    public Tensor squeeze(Tensor a, int axis) {
        int ax = DjlOps.axis("squeeze", axis, a.rank());
        if (a.dim(ax) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + a.shape() + " is not 1");
        }
        return ops.wrap(nd(a).squeeze(ax));
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth) {
        NDArray idx = nd(indices);
        if (idx.getDataType() != DataType.INT32) {
            idx = idx.toType(DataType.INT32, false);
        }
        NDArray range = ops.manager().arange(0, depth, 1, DataType.INT32);
        return ops.wrap(idx.expandDims(idx.getShape().dimension()).eq(range).toType(DataType.FLOAT32, false));
    }
}
