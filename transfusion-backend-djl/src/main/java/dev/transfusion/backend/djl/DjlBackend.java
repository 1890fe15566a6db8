package dev.transfusion.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendOptions;
import dev.transfusion.backend.Capability;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.Scope;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Device;
import dev.transfusion.tensor.HostTensor;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The transfusion backend on DJL's PyTorch engine: eager ops, autograd by GradientCollector, NDManager scopes. */
public final class DjlBackend implements Backend {
    private final Engine engine;
    private final Device device;
    private final NDManager root;

    /** Loads the engine offline and opens the long-lived root NDManager on the requested device. */
    public DjlBackend(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        this.engine = DjlEngine.load(options.threads());
        ai.djl.Device djlDevice = DjlEngine.resolve(engine, options.device());
        this.device = options.device();
        this.root = NDManager.newBaseManager(djlDevice, DjlEngine.ENGINE);
    }

    /** The long-lived NDManager every scope, parameter store and optimizer state hangs from. */
    NDManager rootManager() {
        return root;
    }

    /** The PyTorch engine. */
    Engine engine() {
        return engine;
    }

    @Override
    public String name() {
        return DjlBackendFactory.NAME;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Set<Capability> capabilities() {
        return DjlBackendFactory.capabilitiesOf(engine);
    }

    @Override
    public Scope newScope() {
        return new DjlScope(root.newSubManager());
    }

    @Override
    public ParameterStore createParameters(List<ParamSpec> specs, Map<String, HostTensor> values) {
        return new DjlParameterStore(root.newSubManager(), specs, values);
    }

    @Override
    public CompiledFunction compile(String name, TensorFunction fn, ParameterStore params) {
        return new DjlCompiledFunction(name, fn, store(params), this);
    }

    @Override
    public GradientFunction compileGradient(TensorFunction fn, ParameterStore params, List<String> wrtInputs) {
        return new DjlGradientFunction(fn, store(params), wrtInputs, this);
    }

    @Override
    public TrainStep compileTrainStep(TensorFunction lossFn, ParameterStore params, AdamW optimizer) {
        DjlParameterStore s = store(params);
        if (s == null) {
            throw new IllegalArgumentException("a train step needs a ParameterStore, got null");
        }
        return new DjlTrainStep(lossFn, s, optimizer, this);
    }

    @Override
    public long liveTensors() {
        return root.isOpen() ? root.getManagedArrays().size() : 0;
    }

    @Override
    public void close() {
        root.close();
    }

    private static DjlParameterStore store(ParameterStore params) {
        if (params == null) {
            return null;
        }
        if (params instanceof DjlParameterStore d) {
            return d;
        }
        throw new IllegalArgumentException("expected parameters created by the DJL backend, got "
                + params.getClass().getName());
    }

    /** Capabilities without a loaded engine (for the provider). */
    static Set<Capability> baseCapabilities() {
        return EnumSet.of(Capability.AUTOGRAD, Capability.EAGER);
    }
}
