package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.optim.OptimizerStep;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One eager training step: forward and backward under a GradientCollector, then the shared {@link OptimizerStep}
 * (clipping, AdamW, non-finite guard) run op by op, and the results swapped into the parameter and optimizer
 * arrays. Everything temporary lives in a child NDManager closed at the end of the step; the only host read is one
 * small array holding the scalar outputs, the gradient norm and the skipped flag.
 */
final class DjlTrainStep implements TrainStep {
    private final TensorFunction lossFn;
    private final DjlParameterStore params;
    private final AdamW config;
    private final DjlOptimizerState state;
    private final DjlBackend backend;

    DjlTrainStep(TensorFunction lossFn, DjlParameterStore params, AdamW config, DjlBackend backend) {
        this.lossFn = Objects.requireNonNull(lossFn, "lossFn");
        this.params = Objects.requireNonNull(params, "params");
        this.config = Objects.requireNonNull(config, "optimizer");
        this.backend = backend;
        this.state = new DjlOptimizerState(config, params.specs(), backend.rootManager().newSubManager());
    }

    @Override
    public StepResult run(Map<String, HostTensor> batch, double learningRate) {
        Objects.requireNonNull(batch, "batch");
        try (NDManager step = backend.rootManager().newSubManager()) {
            DjlOps ops = new DjlOps(step);
            Map<String, Tensor> in = new LinkedHashMap<>();
            batch.forEach((k, v) -> in.put(k, new DjlTensor(DjlTypes.upload(step, v))));
            DjlEnv env = new DjlEnv(ops, params, true, true);
            Map<String, NDArray> out = DjlGradients.forwardBackward(backend.engine(), lossFn, env, in);

            List<ParamSpec> specs = params.specs();
            Map<String, Tensor> values = new LinkedHashMap<>();
            Map<String, Tensor> grads = new LinkedHashMap<>();
            for (ParamSpec s : specs) {
                values.put(s.name(), new DjlTensor(params.alias(s.name(), step, false)));
                NDArray g = DjlGradients.gradientOrNull(env.aliasOf(s.name()), step);
                if (g != null) {
                    grads.put(s.name(), new DjlTensor(g));
                }
            }
            Map<String, Tensor> current = new LinkedHashMap<>();
            state.aliases(step).forEach((k, a) -> current.put(k, new DjlTensor(a)));
            OptimizerStep.Result r = OptimizerStep.apply(ops, config, config.clipNorm(), specs, values, grads, current,
                    new DjlTensor(out.get("loss")), new DjlTensor(ops.scalar(learningRate)));

            // one host read: every scalar output, then the gradient norm and the skipped flag
            List<String> names = new ArrayList<>();
            NDList scalars = new NDList();
            out.forEach((k, a) -> {
                if (a.getShape().size() == 1) {
                    names.add(k);
                    scalars.add(a.toType(DataType.FLOAT32, false).reshape(1));
                }
            });
            scalars.add(DjlTensor.nd(r.gradNorm()).toType(DataType.FLOAT32, false).reshape(1));
            scalars.add(DjlTensor.nd(r.skipped()).toType(DataType.FLOAT32, false).reshape(1));
            float[] host = NDArrays.concat(scalars).toFloatArray();
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                metrics.put(names.get(i), (double) host[i]);
            }
            r.params().forEach((name, v) -> params.store(name, DjlTensor.nd(v)));
            r.state().forEach((key, v) -> state.store(key, DjlTensor.nd(v)));
            return new StepResult(metrics, host[host.length - 2], host[host.length - 1] != 0);
        }
    }

    @Override
    public long updates() {
        return state.updates();
    }

    @Override
    public Map<String, HostTensor> optimizerState() {
        return state.read();
    }

    @Override
    public void loadOptimizerState(Map<String, HostTensor> newState) {
        state.load(newState);
    }

    @Override
    public void close() {
        state.close();
    }
}
