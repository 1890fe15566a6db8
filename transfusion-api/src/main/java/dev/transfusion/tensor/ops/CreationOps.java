package dev.transfusion.tensor.ops;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;

/** Tensors made from nothing or from Java values (constants baked into a program). */
public interface CreationOps {
    /** A constant holding {@code value}. */
    Tensor constant(HostTensor value);

    /** A float32 scalar constant. */
    default Tensor scalar(double value) {
        return constant(HostTensor.scalar((float) value));
    }

    /** A tensor filled with {@code value}. */
    Tensor full(Shape shape, double value, DType dtype);

    /** Float32 zeros. */
    default Tensor zeros(Shape shape) {
        return full(shape, 0, DType.FLOAT32);
    }

    /** Float32 ones. */
    default Tensor ones(Shape shape) {
        return full(shape, 1, DType.FLOAT32);
    }

    /** {@code [0, 1, ..., n-1]} as a rank-1 tensor of {@code dtype}. */
    Tensor arange(int n, DType dtype);
}
