package dev.transfusion.backend.tf;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.optim.OptimizerStep;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A training step traced once per batch signature and run as one session run per step, which returns the scalar
 * metrics, the gradient norm and the skipped flag. The backend's part is the forward trace, the gradients
 * ({@code addGradients}) and the variable assigns; clipping, AdamW and the non-finite guard are the shared
 * {@link OptimizerStep}, traced into the same graph.
 */
final class TfTrainStep implements TrainStep {
    private final TfBackend backend;
    private final TensorFunction lossFn;
    private final TfParameterStore params;
    private final AdamW optimizer;
    private final TfOptimizerState state;
    private final Map<TfSignature, Program> programs = new HashMap<>();
    private volatile boolean closed;

    /** One traced signature: the metric names and what to feed, fetch and run. */
    private record Program(TfTraced traced, List<String> metricNames, Placeholder<TFloat32> learningRate,
            List<Operand<?>> fetches, Op update) {
    }

    TfTrainStep(TfBackend backend, TensorFunction lossFn, TfParameterStore params, AdamW optimizer) {
        this.backend = backend;
        this.lossFn = lossFn;
        this.params = params;
        this.optimizer = optimizer;
        this.state = backend.locked(() -> new TfOptimizerState(backend, optimizer, params.specs()));
    }

    @Override
    public StepResult run(Map<String, HostTensor> batch, double learningRate) {
        Objects.requireNonNull(batch, "batch");
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + learningRate);
        }
        return backend.locked(() -> {
            checkOpen();
            Program p = programs.computeIfAbsent(TfSignature.ofHost(batch), this::build);
            Map<Operand<?>, org.tensorflow.Tensor> feeds = new LinkedHashMap<>();
            List<org.tensorflow.Tensor> out = List.of();
            try {
                batch.forEach((k, v) -> feeds.put(p.traced().placeholders().get(k), TfTypes.toTf(v)));
                feeds.put(p.learningRate(), TFloat32.scalarOf((float) learningRate));
                out = TfRun.run(backend.session(), "training step", feeds, p.fetches(), List.of(p.update()));
                Map<String, Double> metrics = new LinkedHashMap<>();
                int i = 0;
                for (String name : p.metricNames()) {
                    metrics.put(name, TfTypes.toHost(out.get(i++)).item());
                }
                double gradNorm = TfTypes.toHost(out.get(i++)).item();
                boolean skipped = TfTypes.toHost(out.get(i)).item() != 0;
                return new StepResult(metrics, gradNorm, skipped);
            } finally {
                TfRun.closeAll(feeds.values());
                TfRun.closeAll(out);
            }
        });
    }

    private Program build(TfSignature sig) {
        TfTraced traced = TfTraced.trace(backend, "train_step", lossFn, sig, params, true);
        TfTrace trace = traced.trace();
        Ops tf = trace.tf();
        Operand<TFloat32> loss = TfLosses.scalarLoss(traced, "loss program");
        List<String> names = new ArrayList<>();
        List<Operand<?>> fetches = new ArrayList<>();
        List<Op> before = new ArrayList<>();
        traced.outputs().forEach((name, t) -> {
            if (t.shape().size() == 1 && t.dtype() != DType.BOOL) {
                names.add(name);
                fetches.add(t.operand());
                before.add(t.operand());
            }
        });
        List<ParamSpec> specs = params.specs();
        Map<String, Tensor> values = new LinkedHashMap<>();
        List<TfTensor> reads = new ArrayList<>();
        for (ParamSpec s : specs) {
            TfTensor r = trace.param(s.name());
            values.put(s.name(), r);
            reads.add(r);
            before.add(r.operand());
        }
        List<Operand<TFloat32>> grads = TfGradients.orNull(backend, loss, reads);
        Map<String, Tensor> gradients = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            if (grads.get(i) != null) {
                gradients.put(specs.get(i).name(), trace.wrap(grads.get(i)));
            }
        }
        Map<String, Tensor> current = new LinkedHashMap<>();
        for (String key : state.keys()) {
            current.put(key, trace.wrap(state.variable(key).readIn(tf)));
        }
        Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        OptimizerStep.Result r = OptimizerStep.apply(new TfOps(trace), optimizer, optimizer.clipNorm(), specs, values,
                gradients, current, trace.wrap(loss), trace.wrap(lr));

        Ops after = tf.withControlDependencies(before); // assigns run once the metrics and parameters are read
        List<Op> assigns = new ArrayList<>();
        r.params().forEach((name, v) -> assigns.add(after.assignVariableOp(params.variable(name).handle(),
                trace.op(v))));
        r.state().forEach((key, v) -> assigns.add(after.assignVariableOp(state.variable(key).handle(),
                trace.op(v))));
        fetches.add(trace.op(r.gradNorm()));
        fetches.add(trace.op(r.skipped()));
        return new Program(traced, names, lr, fetches, tf.withControlDependencies(assigns).noOp());
    }

    @Override
    public long updates() {
        return backend.locked(() -> {
            checkOpen();
            return state.updates(backend.session());
        });
    }

    @Override
    public Map<String, HostTensor> optimizerState() {
        return backend.locked(() -> {
            checkOpen();
            return state.read(backend.session());
        });
    }

    @Override
    public void loadOptimizerState(Map<String, HostTensor> newState) {
        Objects.requireNonNull(newState, "state");
        backend.locked(() -> {
            checkOpen();
            state.write(backend.session(), newState);
            return null;
        });
    }

    /** Number of session variables held for the optimizer state (0 once closed). */
    long liveVariables() {
        return closed ? 0 : state.all().size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("training step is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.releaseVariables(state.all());
        backend.forget(this);
    }
}
