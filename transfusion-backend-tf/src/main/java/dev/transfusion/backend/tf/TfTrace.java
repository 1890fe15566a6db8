package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * One tracing pass of a program into the backend's graph: the op factory scoped to this trace, the lifting of
 * tensors into graph operands (concrete values become constants), and the parameter reads the program made.
 */
final class TfTrace {
    private final Ops tf;
    private final TfParameterStore params;
    private final Map<String, TfTensor> paramReads = new LinkedHashMap<>();
    private final Map<TfValue, Operand<?>> lifted = new IdentityHashMap<>();

    TfTrace(Ops tf, TfParameterStore params) {
        this.tf = Objects.requireNonNull(tf, "tf");
        this.params = params;
    }

    /** The op factory, scoped to this trace. */
    Ops tf() {
        return tf;
    }

    /** Wraps a graph operand of this trace, taking its shape and dtype from TensorFlow's static inference. */
    TfTensor wrap(Operand<?> operand) {
        Objects.requireNonNull(operand, "operand");
        return new TfTensor(operand, TfTypes.shape(operand.shape(), "op " + operand.asOutput().op().name()),
                TfTypes.dtype(operand.type()), this);
    }

    /** The graph operand of {@code t}: its own op when built in this trace, a baked-in constant when concrete. */
    @SuppressWarnings("unchecked")
    <T extends TType> Operand<T> op(Tensor t) {
        Objects.requireNonNull(t, "tensor");
        if (t instanceof TfTensor s) {
            if (s.trace() != this) {
                throw new IllegalArgumentException("tensor " + s + " belongs to another traced program; tensors made "
                        + "inside a program must not be kept and reused in a later trace");
            }
            return (Operand<T>) s.operand();
        }
        if (t instanceof TfValue v) {
            return (Operand<T>) lifted.computeIfAbsent(v, k -> tf.constantOf((TType) k.tf()));
        }
        throw new IllegalArgumentException("not a TensorFlow-backend tensor: " + t.getClass().getName());
    }

    /** {@code t} as a float32 operand (int and bool are cast). */
    Operand<TFloat32> floatOp(Tensor t) {
        return t.dtype() == DType.FLOAT32 ? op(t) : tf.dtypes.cast(op(t), TFloat32.class);
    }

    /** Dimensions or offsets as an int32 constant (TF's gradient code mixes them with int32 Shape outputs). */
    Operand<TInt32> ints(long... values) {
        return ints(tf, values);
    }

    /** Dimensions or offsets as an int32 constant built by {@code tf}. */
    static Operand<TInt32> ints(Ops tf, long... values) {
        int[] r = new int[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.toIntExact(values[i]);
        }
        return tf.constant(r);
    }

    /** A scalar constant of {@code dtype}. */
    @SuppressWarnings("unchecked")
    <T extends TType> Operand<T> scalar(double value, DType dtype) {
        return (Operand<T>) switch (dtype) {
            case FLOAT32 -> tf.constant((float) value);
            case INT32 -> tf.constant((int) value);
            case BOOL -> tf.constant(value != 0);
        };
    }

    /** Casts a symbolic tensor to {@code dtype} (no-op when equal). */
    TfTensor cast(Tensor t, DType dtype) {
        if (t.dtype() == dtype) {
            return t instanceof TfTensor s ? s : wrap(op(t));
        }
        return wrap(tf.dtypes.cast(op(t), TfTypes.tfClass(dtype)));
    }

    /** The current value of parameter {@code name}: one read per parameter per trace. */
    TfTensor param(String name) {
        Objects.requireNonNull(name, "name");
        TfTensor read = paramReads.get(name);
        if (read == null) {
            if (params == null) {
                throw new IllegalArgumentException("program asked for parameter '" + name
                        + "' but was compiled without a parameter store");
            }
            read = wrap(params.variable(name).readIn(tf));
            paramReads.put(name, read);
        }
        return read;
    }

    /** Every parameter read so far, by name, in first-read order. */
    Map<String, TfTensor> paramReads() {
        return paramReads;
    }

    /** The parameter store this trace reads (may be null). */
    TfParameterStore params() {
        return params;
    }
}
