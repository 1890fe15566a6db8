package dev.transfusion.backend.tf;

import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.GradientResult;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A traced program returning scalar {@code "loss"} plus its gradients w.r.t. chosen float inputs and every
 * parameter, in one session run. Traced with {@code training() == false}.
 */
final class TfGradientFunction implements GradientFunction {
    private final TfBackend backend;
    private final TensorFunction fn;
    private final TfParameterStore params;
    private final List<String> wrt;
    private final Map<TfSignature, Program> programs = new HashMap<>();
    private volatile boolean closed;

    /** One traced signature: what to feed and what to fetch. */
    private record Program(TfTraced traced, List<Operand<?>> fetches) {
    }

    TfGradientFunction(TfBackend backend, TensorFunction fn, TfParameterStore params, List<String> wrtInputs) {
        this.backend = backend;
        this.fn = fn;
        this.params = params;
        this.wrt = List.copyOf(wrtInputs);
    }

    @Override
    public GradientResult compute(Map<String, HostTensor> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        for (String w : wrt) {
            HostTensor v = inputs.get(w);
            if (v == null || v.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("gradient input '" + w + "' must be a FLOAT32 input; inputs are "
                        + inputs.keySet());
            }
        }
        return backend.locked(() -> {
            if (closed) {
                throw new IllegalStateException("gradient program is closed");
            }
            Program p = programs.computeIfAbsent(TfSignature.ofHost(inputs), this::build);
            Map<Operand<?>, org.tensorflow.Tensor> feeds = new LinkedHashMap<>();
            List<org.tensorflow.Tensor> out = List.of();
            try {
                inputs.forEach((k, v) -> feeds.put(p.traced().placeholders().get(k), TfTypes.toTf(v)));
                out = TfRun.run(backend.session(), "gradient program", feeds, p.fetches(), List.of());
                double loss = TfTypes.toHost(out.get(0)).item();
                Map<String, HostTensor> inGrads = new LinkedHashMap<>();
                int i = 1;
                for (String w : wrt) {
                    inGrads.put(w, TfTypes.toHost(out.get(i++)));
                }
                Map<String, HostTensor> paramGrads = new LinkedHashMap<>();
                if (params != null) {
                    for (ParamSpec s : params.specs()) {
                        paramGrads.put(s.name(), TfTypes.toHost(out.get(i++)));
                    }
                }
                return new GradientResult(loss, inGrads, paramGrads);
            } finally {
                TfRun.closeAll(feeds.values());
                TfRun.closeAll(out);
            }
        });
    }

    private Program build(TfSignature sig) {
        TfTraced traced = TfTraced.trace(backend, "gradient", fn, sig, params, false);
        TfTrace trace = traced.trace();
        Operand<TFloat32> loss = TfLosses.scalarLoss(traced, "gradient program");
        List<TfTensor> xs = new ArrayList<>();
        for (String w : wrt) {
            xs.add(trace.wrap(traced.placeholders().get(w)));
        }
        if (params != null) {
            for (ParamSpec s : params.specs()) {
                xs.add(trace.param(s.name()));
            }
        }
        List<Operand<?>> fetches = new ArrayList<>();
        fetches.add(loss);
        fetches.addAll(TfGradients.of(backend, trace.tf(), loss, xs));
        return new Program(traced, fetches);
    }

    @Override
    public void close() {
        closed = true;
        backend.forget(this);
    }
}
