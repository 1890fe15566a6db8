package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReadVariableOp;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.family.TType;

/**
 * A resource variable in the backend's graph whose value persists in the session: a handle, a read for Java
 * access, and a placeholder-fed assign for writes. Gradients are taken w.r.t. read outputs, never the handle.
 */
final class TfVariable {
    private final String label;
    private final Shape shape;
    private final DType dtype;
    private final VarHandleOp handle;
    private final Placeholder<? extends TType> feed;
    private final AssignVariableOp assign;
    private final ReadVariableOp<? extends TType> read;

    private TfVariable(String label, Shape shape, DType dtype, VarHandleOp handle, Placeholder<? extends TType> feed,
            AssignVariableOp assign, ReadVariableOp<? extends TType> read) {
        this.label = label;
        this.shape = shape;
        this.dtype = dtype;
        this.handle = handle;
        this.feed = feed;
        this.assign = assign;
        this.read = read;
    }

    /** Declares a variable in {@code tf}'s graph under a session-unique name (uninitialised until {@link #write}). */
    static TfVariable create(Ops tf, String sharedName, String label, Shape shape, DType dtype) {
        Objects.requireNonNull(label, "label");
        Class<? extends TType> type = TfTypes.tfClass(dtype);
        org.tensorflow.ndarray.Shape s = TfTypes.tfShape(shape);
        // an empty shared_name would make every variable of the session alias one resource
        VarHandleOp handle = tf.varHandleOp(type, s, VarHandleOp.sharedName(sharedName));
        Placeholder<? extends TType> feed = tf.placeholder(type, Placeholder.shape(s));
        AssignVariableOp assign = tf.assignVariableOp(handle, feed);
        ReadVariableOp<? extends TType> read = tf.readVariableOp(handle, type);
        return new TfVariable(label, shape, dtype, handle, feed, assign, read);
    }

    /** What this variable holds (for error messages), e.g. a parameter name. */
    String label() {
        return label;
    }

    Shape shape() {
        return shape;
    }

    DType dtype() {
        return dtype;
    }

    /** The resource handle (for assign ops built by programs). */
    VarHandleOp handle() {
        return handle;
    }

    /** A new read of the current value, built in {@code tf}'s scope. */
    Operand<? extends TType> readIn(Ops tf) {
        return tf.readVariableOp(handle, TfTypes.tfClass(dtype));
    }

    /** Copies the current value to Java; the caller holds the backend lock. */
    HostTensor read(Session session) {
        try (Result r = session.runner().fetch(read).run()) {
            return TfTypes.toHost(r.get(0));
        }
    }

    /** Overwrites the value; the shape and dtype must match. The caller holds the backend lock. */
    void write(Session session, HostTensor value) {
        Objects.requireNonNull(value, "value");
        if (!value.shape().equals(shape) || value.dtype() != dtype) {
            throw new IllegalArgumentException("cannot write " + value.shape() + " " + value.dtype() + " into '" + label
                    + "', which is " + shape + " " + dtype);
        }
        try (org.tensorflow.Tensor t = TfTypes.toTf(value)) {
            session.runner().feed(feed, t).addTarget(assign).run().close();
        }
    }
}
