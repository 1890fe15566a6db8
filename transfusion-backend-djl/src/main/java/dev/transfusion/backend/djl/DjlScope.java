package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDManager;
import dev.transfusion.backend.Scope;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;
import java.util.Objects;

/** A {@link Scope} over a DJL {@link NDManager}: closing it frees every array it or its children own. */
public final class DjlScope implements Scope {
    private final NDManager manager;

    /** Wraps {@code manager}; the scope owns it and closes it. */
    public DjlScope(NDManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /** The NDManager behind this scope. */
    public NDManager manager() {
        return manager;
    }

    /** The DJL scope behind {@code scope}; a scope of another backend is an error naming its class. */
    static DjlScope of(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        if (scope instanceof DjlScope d) {
            return d;
        }
        throw new IllegalArgumentException("expected a DJL scope, got " + scope.getClass().getName());
    }

    @Override
    public Tensor upload(HostTensor value) {
        return new DjlTensor(DjlTypes.upload(manager, value));
    }

    @Override
    public HostTensor download(Tensor tensor) {
        return DjlTypes.download(DjlTensor.nd(tensor));
    }

    @Override
    public Scope newChild() {
        return new DjlScope(manager.newSubManager());
    }

    @Override
    public long liveTensors() {
        return manager.isOpen() ? manager.getManagedArrays().size() : 0;
    }

    @Override
    public void close() {
        manager.close();
    }
}
