package dev.transfusion.optim;

import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parameter update rule written once against the tensor API. It is a pure function of the parameters, their
 * gradients, the optimizer state, the learning rate and the step number, so an eager backend runs it op by op and a
 * graph backend traces it into its training-step program. Clipping, the step counter and the non-finite skip around
 * it are {@link OptimizerStep}'s; computing gradients and storing the results are the backend's.
 */
public interface Optimizer {
    /** The per-parameter state slots (AdamW: {@code m} and {@code v}), each shaped like its parameter, zero at first. */
    List<String> slots();

    /**
     * One update. {@code grads} holds the (already clipped) gradient of each parameter to update; a parameter without
     * one is left out of the result, as are its slots. {@code state} is keyed by {@link OptimizerState#key};
     * {@code lr} and {@code step} (1 for the first update) are float32 scalars.
     */
    Update update(Ops ops, List<ParamSpec> specs, Map<String, Tensor> params, Map<String, Tensor> grads,
            Map<String, Tensor> state, Tensor lr, Tensor step);

    /** The new values of the updated parameters and of their state slots (keyed like the state). */
    record Update(Map<String, Tensor> params, Map<String, Tensor> state) {
        public Update {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
        }
    }
}
