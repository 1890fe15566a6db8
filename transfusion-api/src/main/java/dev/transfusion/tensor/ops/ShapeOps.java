package dev.transfusion.tensor.ops;

import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.List;

/** Shape manipulation and scatter-free indexing by index tensors. */
public interface ShapeOps {
    /** Same data, new shape of equal size; one dimension may be -1. */
    Tensor reshape(Tensor a, long... dims);

    /** Same data, new shape of equal size. */
    default Tensor reshape(Tensor a, Shape shape) {
        return reshape(a, shape.dims());
    }

    /** Permutes axes: output axis i is input axis {@code perm[i]}. */
    Tensor transpose(Tensor a, int... perm);

    /** Joins tensors along {@code axis}. */
    Tensor concat(List<Tensor> parts, int axis);

    /** {@code length} elements of {@code axis} starting at {@code start}. */
    Tensor slice(Tensor a, int axis, long start, long length);

    /**
     * Gathers along {@code axis} with an int32 index tensor: the output shape is
     * {@code a.shape[:axis] + indices.shape + a.shape[axis+1:]}. Gradients scatter-add back into {@code a}.
     */
    Tensor gather(Tensor a, Tensor indices, int axis);

    /** Broadcasts to {@code shape} (NumPy rules); the gradient sums over the broadcast axes. */
    Tensor broadcastTo(Tensor a, Shape shape);

    /** Inserts a size-1 axis at {@code axis}. */
    Tensor expandDims(Tensor a, int axis);

    /** Removes the size-1 axis {@code axis}. */
    Tensor squeeze(Tensor a, int axis);

    /** One-hot float32 encoding of int32 indices, with a new last axis of size {@code depth}. */
    Tensor oneHot(Tensor indices, int depth);

    /** Stacks equal-shaped tensors along a new axis. */
    default Tensor stack(List<Tensor> parts, int axis) {
        return concat(parts.stream().map(p -> expandDims(p, axis)).toList(), axis);
    }
}
