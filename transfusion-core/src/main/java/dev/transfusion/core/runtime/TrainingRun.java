package dev.transfusion.core.runtime;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.checkpoint.Checkpoint;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ConfigWriter;
import dev.transfusion.core.train.EmaWeights;
import dev.transfusion.core.train.MetricsLog;
import dev.transfusion.core.train.PrefetchingBatchSource;
import dev.transfusion.core.train.StepRecord;
import dev.transfusion.core.train.Trainer;
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.tensor.HostTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A training run on disk: {@code config.yaml} (the fully resolved config), {@code metrics.jsonl}, and
 * {@code checkpoints/step-N/}. Resuming continues from the newest complete checkpoint with the same parameters,
 * optimizer state and data stream, so the loss curve matches an uninterrupted run.
 */
public final class TrainingRun {
    /** File name of the resolved config in a run folder. */
    public static final String CONFIG_FILE = "config.yaml";
    /** File name of the metrics log in a run folder. */
    public static final String METRICS_FILE = "metrics.jsonl";

    private TrainingRun() {
    }

    /** What a finished run reports. */
    public record Result(Path runDir, long startStep, long endStep, Path lastCheckpoint) {
    }

    /**
     * Trains {@code experiment} into {@code runDir}. Without {@code resume}, a folder that already holds
     * checkpoints is refused (nothing is overwritten); with it, training continues from the latest one.
     */
    public static Result train(Experiment experiment, Path runDir, boolean resume, TrainingListener listener) {
        try {
            Files.createDirectories(runDir);
            CheckpointStore store = new CheckpointStore(runDir, experiment.config().train().keepCheckpoints());
            Optional<Checkpoint> latest = store.loadLatest();
            if (latest.isPresent() && !resume) {
                throw new IllegalStateException("run folder " + runDir + " already holds checkpoints (latest: step "
                        + latest.get().step() + "); pass --resume to continue it or choose another --out");
            }
            String yaml = ConfigWriter.toYaml(experiment.config());
            ConfigWriter.write(experiment.config(), runDir.resolve(CONFIG_FILE));
            long start = 0;
            try (ParameterStore params = latest.isPresent() && resume
                    ? experiment.loadParameters(latest.get().params()) : experiment.initParameters();
                 TrainStep step = experiment.compileTrainStep(params);
                 MetricsLog log = new MetricsLog(runDir.resolve(METRICS_FILE));
                 PrefetchingBatchSource batches = new PrefetchingBatchSource(experiment.batches())) {
                if (latest.isPresent() && resume) {
                    step.loadOptimizerState(latest.get().optimizer());
                    start = latest.get().step();
                }
                EmaWeights ema = startEma(experiment.config().train().ema(), params, latest.filter(c -> resume));
                Path[] last = {latest.map(c -> store.directory().resolve(CheckpointStore.dirName(c.step()))).orElse(null)};
                Trainer.CheckpointHook hook = completed -> {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("step", completed);
                    state.put("seed", experiment.config().seed());
                    try {
                        Map<String, HostTensor> weights = params.readAll();
                        if (ema != null) {
                            ema.flush(() -> weights);
                        }
                        last[0] = store.save(new Checkpoint(completed, weights, step.optimizerState(),
                                ema == null ? Map.of() : ema.weights(), state, yaml));
                        listener.onCheckpoint(completed, last[0]);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write checkpoint in " + store.directory() + ": "
                                + e.getMessage(), e);
                    }
                };
                var t = experiment.config().train();
                Trainer trainer = new Trainer(step, batches, new Trainer.Options(t.steps(),
                        experiment.learningRate(), t.logEvery(), t.checkpointEvery(), t.maxNonfinite()), log, hook);
                trainer.run(start, ema == null ? listener : averaging(ema, params, listener));
                return new Result(runDir, start, t.steps(), last[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("training run in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** The moving average for {@code decay} (null when 0): restored from a resumed checkpoint when it holds one. */
    private static EmaWeights startEma(double decay, ParameterStore params, Optional<Checkpoint> resumed) {
        if (decay == 0) {
            return null;
        }
        Map<String, HostTensor> current = params.readAll();
        if (resumed.isPresent() && !resumed.get().ema().isEmpty()) {
            return EmaWeights.restore(resumed.get().ema(), current, decay, resumed.get().step());
        }
        return EmaWeights.startingAt(current, decay);
    }

    /** Counts every applied update in {@code ema} (which reads the weights every few steps) before {@code listener}. */
    private static TrainingListener averaging(EmaWeights ema, ParameterStore params, TrainingListener listener) {
        return new TrainingListener() {
            @Override
            public void onStep(StepRecord record) {
                if (!record.skipped()) {
                    ema.onStep(params::readAll);
                }
                listener.onStep(record);
            }

            @Override
            public void onCheckpoint(long step, Path directory) {
                listener.onCheckpoint(step, directory);
            }
        };
    }
}
