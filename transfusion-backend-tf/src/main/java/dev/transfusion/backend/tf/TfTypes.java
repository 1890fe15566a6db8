package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Objects;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/** Conversions between our value types (DType, Shape, HostTensor) and TensorFlow Java's. */
final class TfTypes {
    private TfTypes() {
    }

    /** The TF Java tensor class of a dtype. */
    static Class<? extends TType> tfClass(DType dtype) {
        return switch (Objects.requireNonNull(dtype, "dtype")) {
            case FLOAT32 -> TFloat32.class;
            case INT32 -> TInt32.class;
            case BOOL -> TBool.class;
        };
    }

    /** Our dtype of a TF Java tensor class; other TF types are an error naming the type. */
    static DType dtype(Class<?> tfType) {
        if (tfType == TFloat32.class) {
            return DType.FLOAT32;
        }
        if (tfType == TInt32.class) {
            return DType.INT32;
        }
        if (tfType == TBool.class) {
            return DType.BOOL;
        }
        throw new IllegalArgumentException("TensorFlow type " + tfType.getSimpleName()
                + " has no transfusion dtype (expected TFloat32, TInt32 or TBool)");
    }

    /** Our dtype of a native tensor's data type. */
    static DType dtype(org.tensorflow.proto.DataType dt) {
        return switch (dt) {
            case DT_FLOAT -> DType.FLOAT32;
            case DT_INT32 -> DType.INT32;
            case DT_BOOL -> DType.BOOL;
            default -> throw new IllegalArgumentException("TensorFlow data type " + dt
                    + " has no transfusion dtype (expected DT_FLOAT, DT_INT32 or DT_BOOL)");
        };
    }

    /** Our shape as a TF shape. */
    static org.tensorflow.ndarray.Shape tfShape(Shape shape) {
        return org.tensorflow.ndarray.Shape.of(shape.dims());
    }

    /** A fully known TF shape as ours; unknown dimensions are an error naming {@code what}. */
    static Shape shape(org.tensorflow.ndarray.Shape tf, String what) {
        if (tf.isUnknown()) {
            throw new IllegalStateException("TensorFlow could not infer the rank of " + what);
        }
        long[] dims = tf.asArray();
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalStateException("TensorFlow could not infer the static shape of " + what + ": " + tf);
            }
        }
        return Shape.of(dims);
    }

    /** Copies a Java value into a new native TF tensor (the caller closes it). */
    static Tensor toTf(HostTensor value) {
        Objects.requireNonNull(value, "value");
        org.tensorflow.ndarray.Shape s = tfShape(value.shape());
        return switch (value.dtype()) {
            case FLOAT32 -> TFloat32.tensorOf(s, DataBuffers.of(value.floats(), true, false));
            case INT32 -> TInt32.tensorOf(s, DataBuffers.of(value.ints(), true, false));
            case BOOL -> {
                int[] src = value.ints();
                boolean[] b = new boolean[src.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = src[i] != 0;
                }
                yield TBool.tensorOf(s, DataBuffers.of(b, true, false));
            }
        };
    }

    /** Copies a native TF tensor into Java memory. */
    static HostTensor toHost(Tensor t) {
        Objects.requireNonNull(t, "tensor");
        Shape shape = shape(t.shape(), "a session output");
        int n = Math.toIntExact(shape.size());
        if (t instanceof TFloat32 f) {
            float[] d = new float[n];
            f.copyTo(DataBuffers.of(d, false, false));
            return HostTensor.floats(shape, d);
        }
        if (t instanceof TInt32 i) {
            int[] d = new int[n];
            i.copyTo(DataBuffers.of(d, false, false));
            return HostTensor.ints(shape, d);
        }
        if (t instanceof TBool b) {
            boolean[] d = new boolean[n];
            b.copyTo(DataBuffers.of(d, false, false));
            int[] r = new int[n];
            for (int k = 0; k < n; k++) {
                r[k] = d[k] ? 1 : 0;
            }
            return HostTensor.bools(shape, r);
        }
        throw new IllegalArgumentException("cannot download TensorFlow tensor of type " + t.dataType());
    }
}
