package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.CreationOps;
import java.util.Objects;

/** Constants, fills and ranges made in the current run's NDManager. */
final class DjlCreationOps implements CreationOps {
    private final DjlOps ops;

    DjlCreationOps(DjlOps ops) {
        this.ops = ops;
    }

    @Override
    public Tensor constant(HostTensor value) {
        return ops.wrap(DjlTypes.upload(ops.manager(), value));
    }

    @Override
    public Tensor scalar(double value) {
        return ops.wrap(ops.scalar(value));
    }

    @Override
    public Tensor full(Shape shape, double value, DType dtype) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        NDArray f = ops.manager().full(DjlTypes.djl(shape), (float) value, DataType.FLOAT32);
        return ops.wrap(dtype == DType.FLOAT32 ? f : f.toType(DjlTypes.djl(dtype), false));
    }

    @Override
    public Tensor arange(int n, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        NDArray r = ops.manager().arange(0, n, 1, DataType.INT32);
        return ops.wrap(dtype == DType.INT32 ? r : r.toType(DjlTypes.djl(dtype), false));
    }
}
