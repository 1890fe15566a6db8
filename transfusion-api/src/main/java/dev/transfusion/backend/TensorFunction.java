package dev.transfusion.backend;

import dev.transfusion.tensor.Tensor;
import java.util.Map;

/**
 * Model code as a program: named inputs to named outputs, written only against the tensor API so an eager
 * backend can run it directly and a graph backend can trace it. It must not branch on tensor values.
 */
@FunctionalInterface
public interface TensorFunction {
    /** Computes the outputs; for losses, the differentiated scalar is named {@code "loss"}. */
    Map<String, Tensor> apply(Env env, Map<String, Tensor> inputs);
}
