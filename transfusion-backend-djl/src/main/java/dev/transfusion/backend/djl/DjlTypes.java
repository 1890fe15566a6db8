package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Objects;

/** Conversions between transfusion's shapes, dtypes and host values and DJL's. */
final class DjlTypes {
    private DjlTypes() {
    }

    /** Our shape as a DJL shape. */
    static ai.djl.ndarray.types.Shape djl(Shape s) {
        return new ai.djl.ndarray.types.Shape(s.dims());
    }

    /** A DJL shape as ours. */
    static Shape shape(ai.djl.ndarray.types.Shape s) {
        return Shape.of(s.getShape());
    }

    /** Our dtype as a DJL data type. */
    static DataType djl(DType t) {
        return switch (t) {
            case FLOAT32 -> DataType.FLOAT32;
            case INT32 -> DataType.INT32;
            case BOOL -> DataType.BOOLEAN;
        };
    }

    /** A DJL data type as ours; types we do not expose are an error naming the type. */
    static DType dtype(DataType t) {
        return switch (t) {
            case FLOAT32 -> DType.FLOAT32;
            case INT32 -> DType.INT32;
            case BOOLEAN -> DType.BOOL;
            default -> throw new IllegalStateException("DJL array has data type " + t
                    + "; transfusion tensors are FLOAT32, INT32 or BOOL");
        };
    }

    /** Copies a host value into a new array owned by {@code manager}. */
    static NDArray upload(NDManager manager, HostTensor value) {
        Objects.requireNonNull(value, "value");
        ai.djl.ndarray.types.Shape shape = djl(value.shape());
        return switch (value.dtype()) {
            case FLOAT32 -> manager.create(value.floats(), shape);
            case INT32 -> manager.create(value.ints(), shape);
            case BOOL -> {
                int[] src = value.ints();
                boolean[] b = new boolean[src.length];
                for (int i = 0; i < src.length; i++) {
                    b[i] = src[i] != 0;
                }
                yield manager.create(b, shape);
            }
        };
    }

    /** Copies an array to Java memory (int64 becomes int32 and float64 becomes float32). */
    static HostTensor download(NDArray array) {
        Shape shape = shape(array.getShape());
        DataType t = array.getDataType();
        if (t == DataType.BOOLEAN) {
            boolean[] b = array.toBooleanArray();
            int[] out = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = b[i] ? 1 : 0;
            }
            return HostTensor.bools(shape, out);
        }
        if (t == DataType.INT32) {
            return HostTensor.ints(shape, array.toIntArray());
        }
        if (t.isInteger()) {
            try (NDArray c = array.toType(DataType.INT32, true)) {
                return HostTensor.ints(shape, c.toIntArray());
            }
        }
        if (t == DataType.FLOAT32) {
            return HostTensor.floats(shape, array.toFloatArray());
        }
        try (NDArray c = array.toType(DataType.FLOAT32, true)) {
            return HostTensor.floats(shape, c.toFloatArray());
        }
    }
}
