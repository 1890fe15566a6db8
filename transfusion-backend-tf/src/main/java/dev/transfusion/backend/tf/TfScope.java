package dev.transfusion.backend.tf;

import dev.transfusion.backend.Scope;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Owns native TF tensors; closing it frees them and every child scope (DJL NDManager style). */
final class TfScope implements Scope {
    private final TfScope parent;
    private final Runnable onClose;
    private final List<TfValue> owned = new ArrayList<>();
    private final List<TfScope> children = new ArrayList<>();
    private boolean closed;

    TfScope(TfScope parent, Runnable onClose) {
        this.parent = parent;
        this.onClose = onClose;
    }

    @Override
    public synchronized Tensor upload(HostTensor value) {
        Objects.requireNonNull(value, "value");
        return adopt(TfTypes.toTf(value));
    }

    /** Takes ownership of a native tensor (e.g. a session output) and wraps it. */
    synchronized TfValue adopt(org.tensorflow.Tensor tensor) {
        if (closed) {
            tensor.close();
            throw new IllegalStateException("scope is closed");
        }
        TfValue v = new TfValue(tensor);
        owned.add(v);
        return v;
    }

    @Override
    public HostTensor download(Tensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        if (tensor instanceof TfValue v) {
            return TfTypes.toHost(v.tf());
        }
        if (tensor instanceof TfTensor) {
            throw new IllegalArgumentException("cannot download " + tensor
                    + ": it is symbolic (built while tracing); return it from the program instead");
        }
        throw new IllegalArgumentException("not a TensorFlow-backend tensor: " + tensor.getClass().getName());
    }

    @Override
    public synchronized Scope newChild() {
        if (closed) {
            throw new IllegalStateException("scope is closed");
        }
        TfScope child = new TfScope(this, null);
        children.add(child);
        return child;
    }

    @Override
    public synchronized long liveTensors() {
        long n = owned.stream().filter(v -> !v.isClosed()).count();
        for (TfScope c : children) {
            n += c.liveTensors();
        }
        return n;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (TfScope c : new ArrayList<>(children)) {
                c.close();
            }
            children.clear();
            owned.forEach(TfValue::close);
            owned.clear();
        }
        if (parent != null) {
            parent.removeChild(this);
        }
        if (onClose != null) {
            onClose.run();
        }
    }

    private synchronized void removeChild(TfScope child) {
        children.remove(child);
    }
}
