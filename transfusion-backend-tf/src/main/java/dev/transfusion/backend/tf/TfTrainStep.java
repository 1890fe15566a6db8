package dev.transfusion.backend.tf;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * A training step traced once per batch signature (forward, loss, gradients, clipping, AdamW, non-finite guard)
 * and run as one session run per step, which returns the scalar metrics, the gradient norm and the skipped flag.
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
    private record Program(TfTraced traced, List<String> metricNames, List<Operand<?>> fetches,
            TfAdamWGraph.Built update) {
    }

    TfTrainStep(TfBackend backend, TensorFunction lossFn, TfParameterStore params, AdamW optimizer) {
        this.backend = backend;
        this.lossFn = lossFn;
        this.params = params;
        this.optimizer = optimizer;
        this.state = backend.locked(() -> new TfOptimizerState(backend, params.specs()));
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
                feeds.put(p.update().learningRate(), TFloat32.scalarOf((float) learningRate));
                out = TfRun.run(backend.session(), "training step", feeds, p.fetches(), List.of(p.update().update()));
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
        TfAdamWGraph.Built update = TfAdamWGraph.build(backend, traced, loss, params, state, optimizer, before);
        fetches.add(update.gradNorm());
        fetches.add(update.skipped());
        return new Program(traced, names, fetches, update);
    }

    @Override
    public long updates() {
        return backend.locked(() -> {
            checkOpen();
            return Math.round(state.updates().read(backend.session()).item());
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
