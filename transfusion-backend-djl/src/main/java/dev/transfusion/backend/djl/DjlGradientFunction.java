package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.GradientResult;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The loss and its gradients w.r.t. chosen float inputs and every parameter, in a child NDManager per call. */
final class DjlGradientFunction implements GradientFunction {
    private final TensorFunction fn;
    private final DjlParameterStore params;
    private final List<String> wrt;
    private final DjlBackend backend;

    DjlGradientFunction(TensorFunction fn, DjlParameterStore params, List<String> wrt, DjlBackend backend) {
        this.fn = Objects.requireNonNull(fn, "fn");
        this.params = params;
        this.wrt = List.copyOf(Objects.requireNonNull(wrt, "wrtInputs"));
        this.backend = backend;
    }

    @Override
    public GradientResult compute(Map<String, HostTensor> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        try (NDManager run = backend.rootManager().newSubManager()) {
            Map<String, Tensor> in = new LinkedHashMap<>();
            Map<String, NDArray> leaves = new LinkedHashMap<>();
            inputs.forEach((k, v) -> in.put(k, new DjlTensor(DjlTypes.upload(run, v))));
            for (String name : wrt) {
                Tensor t = in.get(name);
                if (t == null) {
                    throw new IllegalArgumentException("gradient requested for input '" + name
                            + "' which is not among the inputs " + inputs.keySet());
                }
                NDArray a = DjlTensor.nd(t);
                if (a.getDataType() != DataType.FLOAT32) {
                    throw new IllegalArgumentException("gradient requested for input '" + name + "' of type "
                            + a.getDataType() + "; only FLOAT32 inputs are differentiable");
                }
                a.setRequiresGradient(true);
                leaves.put(name, a);
            }
            DjlEnv env = new DjlEnv(new DjlOps(run), params, false, true);
            if (params != null) {
                for (ParamSpec s : params.specs()) {
                    env.aliasOf(s.name());
                }
            }
            Map<String, NDArray> out = DjlGradients.forwardBackward(backend.engine(), fn, env, in);
            double loss = out.get("loss").toType(DataType.FLOAT32, false).toFloatArray()[0];
            Map<String, HostTensor> inputGrads = new LinkedHashMap<>();
            leaves.forEach((k, a) -> inputGrads.put(k, DjlTypes.download(DjlGradients.gradient(a, run))));
            Map<String, HostTensor> paramGrads = new LinkedHashMap<>();
            if (params != null) {
                for (ParamSpec s : params.specs()) {
                    paramGrads.put(s.name(), DjlTypes.download(DjlGradients.gradient(env.aliasOf(s.name()), run)));
                }
            }
            return new GradientResult(loss, inputGrads, paramGrads);
        }
    }
}
