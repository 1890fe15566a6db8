package dev.transfusion.backend;

import dev.transfusion.tensor.HostTensor;
import java.util.Map;

/** A program that returns a scalar {@code "loss"} together with its gradients (for tests and diagnostics). */
public interface GradientFunction extends AutoCloseable {
    /** Evaluates the loss and its gradients at the given inputs and the current parameter values. */
    GradientResult compute(Map<String, HostTensor> inputs);

    @Override
    default void close() {
    }
}
