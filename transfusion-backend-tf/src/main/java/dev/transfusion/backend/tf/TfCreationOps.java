package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.CreationOps;
import java.util.Objects;
import org.tensorflow.types.family.TType;

/** Constants baked into the traced graph. */
final class TfCreationOps implements CreationOps {
    private final TfTrace t;

    TfCreationOps(TfTrace trace) {
        this.t = Objects.requireNonNull(trace, "trace");
    }

    @Override
    public Tensor constant(HostTensor value) {
        Objects.requireNonNull(value, "value");
        try (org.tensorflow.Tensor v = TfTypes.toTf(value)) {
            return t.wrap(t.tf().constantOf((TType) v));
        }
    }

    @Override
    public Tensor full(Shape shape, double value, DType dtype) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        return t.wrap(t.tf().fill(t.ints(shape.dims()), t.scalar(value, dtype)));
    }

    @Override
    public Tensor arange(int n, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (n < 0) {
            throw new IllegalArgumentException("arange length must be >= 0, got " + n);
        }
        return switch (dtype) {
            case INT32 -> {
                int[] d = new int[n];
                for (int i = 0; i < n; i++) {
                    d[i] = i;
                }
                yield t.wrap(t.tf().constant(d));
            }
            case FLOAT32 -> {
                float[] d = new float[n];
                for (int i = 0; i < n; i++) {
                    d[i] = i;
                }
                yield t.wrap(t.tf().constant(d));
            }
            case BOOL -> throw new IllegalArgumentException("arange has no BOOL form");
        };
    }
}
