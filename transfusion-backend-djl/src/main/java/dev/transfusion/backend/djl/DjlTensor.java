package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Objects;

/** A {@link Tensor} backed by a DJL {@link NDArray} (always concrete: DJL runs eagerly). */
public final class DjlTensor implements Tensor {
    private final NDArray array;
    private Shape shape;

    /** Wraps {@code array}; ownership stays with the array's NDManager. */
    public DjlTensor(NDArray array) {
        this.array = Objects.requireNonNull(array, "array");
    }

    /** The wrapped array. */
    public NDArray array() {
        return array;
    }

    /** The DJL array behind {@code t}; a tensor from another backend is an error naming its class. */
    public static NDArray nd(Tensor t) {
        Objects.requireNonNull(t, "tensor");
        if (t instanceof DjlTensor d) {
            return d.array;
        }
        throw new IllegalArgumentException("expected a DJL tensor, got " + t.getClass().getName());
    }

    @Override
    public Shape shape() {
        Shape s = shape;
        if (s == null) {
            s = DjlTypes.shape(array.getShape());
            shape = s;
        }
        return s;
    }

    @Override
    public DType dtype() {
        return DjlTypes.dtype(array.getDataType());
    }

    @Override
    public String toString() {
        return "DjlTensor" + shape() + " " + array.getDataType();
    }
}
