package dev.transfusion.backend;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;

/**
 * Owns native tensor memory, like DJL's NDManager: closing a scope frees every tensor created in it and in its
 * children. Use try-with-resources for temporaries; parameters live in the backend's long-lived scope.
 */
public interface Scope extends AutoCloseable {
    /** Copies a Java value onto the backend's device, owned by this scope. */
    Tensor upload(HostTensor value);

    /** Copies a concrete tensor back to Java memory. */
    HostTensor download(Tensor tensor);

    /** A child scope, closed with (or before) this one. */
    Scope newChild();

    /** Number of live tensors owned by this scope and its children (for leak tests). */
    long liveTensors();

    /** Frees everything this scope owns. */
    @Override
    void close();
}
