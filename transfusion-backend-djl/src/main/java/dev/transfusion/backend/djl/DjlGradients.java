package dev.transfusion.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a loss program under a {@link GradientCollector} and reads leaf gradients (shared by gradient and train). */
final class DjlGradients {
    private DjlGradients() {
    }

    /** Forward pass of {@code fn} recorded for autograd, then backward from its {@code "loss"} output. */
    static Map<String, NDArray> forwardBackward(Engine engine, TensorFunction fn, DjlEnv env,
            Map<String, Tensor> inputs) {
        Map<String, NDArray> outputs = new LinkedHashMap<>();
        try (GradientCollector collector = engine.newGradientCollector()) {
            Map<String, Tensor> out = fn.apply(env, inputs);
            if (out == null || !out.containsKey("loss")) {
                throw new IllegalStateException("loss program must return an output named \"loss\"; got "
                        + (out == null ? "null" : out.keySet()));
            }
            out.forEach((k, v) -> outputs.put(k, DjlTensor.nd(v)));
            NDArray loss = outputs.get("loss");
            if (loss.getShape().size() != 1) {
                throw new IllegalStateException("\"loss\" must be a scalar, got shape " + loss.getShape());
            }
            collector.backward(loss);
        }
        return outputs;
    }

    /** The gradient accumulated in leaf {@code leaf}, or zeros when the loss does not depend on it. */
    static NDArray gradient(NDArray leaf, NDManager owner) {
        NDArray g = gradientOrNull(leaf, owner);
        return g != null ? g : owner.zeros(leaf.getShape(), leaf.getDataType());
    }

    /** The gradient accumulated in leaf {@code leaf}, or null when backward never reached it. */
    static NDArray gradientOrNull(NDArray leaf, NDManager owner) {
        NDArray g = null;
        try {
            if (leaf.hasGradient()) {
                g = leaf.getGradient();
            }
        } catch (IllegalStateException e) {
            g = null; // requires grad but backward never reached it
        }
        if (g != null) {
            g.attach(owner);
        }
        return g;
    }
}
