package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Objects;

/**
 * A concrete tensor: a native TensorFlow tensor owned by one {@link TfScope}. Uploads and program outputs are
 * values; they can be downloaded or fed back into a program (e.g. a KV cache).
 */
final class TfValue implements Tensor {
    private final org.tensorflow.Tensor tensor;
    private final Shape shape;
    private final DType dtype;
    private boolean closed;

    TfValue(org.tensorflow.Tensor tensor) {
        this.tensor = Objects.requireNonNull(tensor, "tensor");
        this.shape = TfTypes.shape(tensor.shape(), "a concrete tensor");
        this.dtype = TfTypes.dtype(tensor.dataType());
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    /** The native tensor; an error once its scope was closed. */
    org.tensorflow.Tensor tf() {
        if (closed) {
            throw new IllegalStateException("tensor " + shape + " " + dtype + " was freed when its scope closed");
        }
        return tensor;
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        if (!closed) {
            closed = true;
            tensor.close();
        }
    }

    @Override
    public String toString() {
        return "TfValue" + shape + " " + dtype + (closed ? " (closed)" : "");
    }
}
