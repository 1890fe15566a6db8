package dev.transfusion.backend;

import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Device;
import dev.transfusion.tensor.HostTensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tensor backend: memory scopes, parameters, and the programs it compiles from model code. Model code never
 * sees backend types; it is handed an {@link Env} when a program runs or is traced.
 */
public interface Backend extends AutoCloseable {
    /** The provider name, e.g. {@code djl} or {@code tf}. */
    String name();

    /** The device this instance computes on. */
    Device device();

    /** The optional features this backend has. */
    Set<Capability> capabilities();

    /** A new top-level memory scope. */
    Scope newScope();

    /** Places parameters on the device with the given initial values (one per spec, matching shapes). */
    ParameterStore createParameters(List<ParamSpec> specs, Map<String, HostTensor> values);

    /** Prepares an inference program over {@code params} (may be null when the program uses none). */
    CompiledFunction compile(String name, TensorFunction fn, ParameterStore params);

    /** Prepares a program returning scalar {@code "loss"} and its gradients w.r.t. the named float inputs. */
    GradientFunction compileGradient(TensorFunction fn, ParameterStore params, List<String> wrtInputs);

    /**
     * Prepares a full training step for {@code params}: forward and backward are the backend's; clipping, the
     * optimizer update and the non-finite guard are the shared {@link dev.transfusion.optim.OptimizerStep}.
     */
    TrainStep compileTrainStep(TensorFunction lossFn, ParameterStore params, AdamW optimizer);

    /**
     * Number of live tensors the backend holds in all its scopes, parameter stores and optimizer states, or -1 when
     * the backend cannot count them (leak tests skip then).
     */
    default long liveTensors() {
        return -1;
    }

    /** Frees everything the backend holds. */
    @Override
    void close();
}
