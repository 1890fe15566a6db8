package dev.transfusion.tensor;

/**
 * An opaque tensor owned by a backend. Inside a traced program it may be symbolic (no value yet), so model code
 * reads only its shape and dtype, never its values; values cross to Java through {@link HostTensor}.
 */
public interface Tensor {
    /** The static shape. */
    Shape shape();

    /** The element type. */
    DType dtype();

    /** Rank shortcut. */
    default int rank() {
        return shape().rank();
    }

    /** Dimension shortcut; negative axes count from the end. */
    default long dim(int axis) {
        return shape().dim(axis);
    }
}
