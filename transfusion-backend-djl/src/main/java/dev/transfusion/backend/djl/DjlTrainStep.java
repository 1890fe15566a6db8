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
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One eager training step: forward and backward under a GradientCollector, global-norm clipping, AdamW. Everything
 * temporary lives in a child NDManager closed at the end of the step; the only host read is one small array holding
 * the scalar outputs and the gradient norm. A non-finite loss or norm skips the update.
 */
final class DjlTrainStep implements TrainStep {
    private final TensorFunction lossFn;
    private final DjlParameterStore params;
    private final AdamW config;
    private final DjlAdamW adam;
    private final DjlBackend backend;

    DjlTrainStep(TensorFunction lossFn, DjlParameterStore params, AdamW config, DjlBackend backend) {
        this.lossFn = Objects.requireNonNull(lossFn, "lossFn");
        this.params = Objects.requireNonNull(params, "params");
        this.config = Objects.requireNonNull(config, "optimizer");
        this.backend = backend;
        this.adam = new DjlAdamW(config, backend.rootManager().newSubManager(), params.specs());
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
            List<NDArray> grads = new ArrayList<>(specs.size());
            NDList squares = new NDList(specs.size());
            for (ParamSpec s : specs) {
                NDArray g = DjlGradients.gradient(env.aliasOf(s.name()), step);
                grads.add(g);
                squares.add(g.square().sum());
            }
            NDArray norm = squares.isEmpty() ? ops.scalar(0) : NDArrays.stack(squares).sum().sqrt();

            // one host read: every scalar output, then the gradient norm
            List<String> names = new ArrayList<>();
            NDList scalars = new NDList();
            out.forEach((k, a) -> {
                if (a.getShape().size() == 1) {
                    names.add(k);
                    scalars.add(a.toType(DataType.FLOAT32, false).reshape(1));
                }
            });
            scalars.add(norm.toType(DataType.FLOAT32, false).reshape(1));
            float[] host = NDArrays.concat(scalars).toFloatArray();
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                metrics.put(names.get(i), (double) host[i]);
            }
            double gradNorm = host[host.length - 1];
            double loss = metrics.get("loss");
            if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
                return new StepResult(metrics, gradNorm, true);
            }
            double scale = config.clipNorm() > 0 && gradNorm > config.clipNorm() ? config.clipNorm() / gradNorm : 1.0;
            for (int i = 0; i < specs.size(); i++) {
                ParamSpec s = specs.get(i);
                NDArray p = params.alias(s.name(), step, false);
                adam.apply(s, p, grads.get(i), scale, learningRate, ops);
            }
            adam.stepDone();
            return new StepResult(metrics, gradNorm, false);
        }
    }

    @Override
    public long updates() {
        return adam.updates();
    }

    @Override
    public Map<String, HostTensor> optimizerState() {
        return adam.state();
    }

    @Override
    public void loadOptimizerState(Map<String, HostTensor> state) {
        adam.load(state);
    }

    @Override
    public void close() {
        adam.close();
    }
}
