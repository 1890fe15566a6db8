package dev.transfusion.core.runtime;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.checkpoint.Checkpoint;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ConfigWriter;
import dev.transfusion.core.train.EmaWeights;
import dev.transfusion.core.train.MetricsLog;
import dev.transfusion.core.train.PrefetchingBatchSource;
import dev.transfusion.core.train.Trainer;
import dev.transfusion.core.train.TrainingBatch;
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.train.TrainingTask;
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
            Optional<Checkpoint> latest = latest(store, runDir, resume);
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
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write checkpoint in " + store.directory() + ": "
                                + e.getMessage(), e);
                    }
                };
                var t = experiment.config().train();
                Trainer trainer = new Trainer(step, batches, new Trainer.Options(t.steps(),
                        experiment.learningRate()::at, t.logEvery(), t.checkpointEvery(), t.maxNonfinite()), log, hook);
                trainer.run(start, ema == null ? listener : averaging(ema, params, listener));
                return new Result(runDir, start, t.steps(), last[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("training run in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** How a {@link TrainingTask}'s run logs and checkpoints (a Transfusion run reads these from {@code train.*}). */
    public record Settings(int logEvery, int checkpointEvery, int maxNonfinite, int keepCheckpoints) {
        public Settings {
            if (logEvery < 1 || checkpointEvery < 0 || maxNonfinite < 0 || keepCheckpoints < 1) {
                throw new IllegalArgumentException("need logEvery >= 1, checkpointEvery >= 0, maxNonfinite >= 0 and "
                        + "keepCheckpoints >= 1; got " + logEvery + ", " + checkpointEvery + ", " + maxNonfinite + ", "
                        + keepCheckpoints);
            }
        }

        /** Log every 10 steps, checkpoint every 250, stop after 5 non-finite steps in a row, keep 2 checkpoints. */
        public static Settings defaults() {
            return new Settings(10, 250, 5, 2);
        }
    }

    /** What a finished task run reports, with the final weights. */
    public record TaskResult(Path runDir, long startStep, long endStep, Path lastCheckpoint,
            Map<String, HostTensor> weights) {
    }

    /**
     * Trains {@code task} (e.g. the VAE) into {@code runDir} with the same loop, metrics log ({@code metrics.jsonl}),
     * non-finite guard and checkpoints ({@code checkpoints/step-N/}: weights, optimizer state, the task's
     * description) as a Transfusion run; refusing or resuming a folder that holds checkpoints as {@link #train} does.
     */
    public static TaskResult train(Backend backend, TrainingTask task, Settings settings, Path runDir, boolean resume,
            TrainingListener listener) {
        try {
            Files.createDirectories(runDir);
            CheckpointStore store = new CheckpointStore(runDir, settings.keepCheckpoints());
            Optional<Checkpoint> latest = latest(store, runDir, resume);
            try (MetricsLog log = new MetricsLog(runDir.resolve(METRICS_FILE))) {
                return run(backend, task, settings, runDir, store, latest, log, listener);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("training run in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Trains {@code task} in memory (no log, no checkpoints) and returns its final weights. */
    public static Map<String, HostTensor> train(Backend backend, TrainingTask task, Settings settings,
            TrainingListener listener) {
        return run(backend, task, settings, null, null, Optional.empty(), null, listener).weights();
    }

    private static TaskResult run(Backend backend, TrainingTask task, Settings settings, Path runDir,
            CheckpointStore store, Optional<Checkpoint> latest, MetricsLog log, TrainingListener listener) {
        if (latest.isPresent() && latest.get().step() > task.steps()) {
            throw new IllegalArgumentException("the run's latest checkpoint is at step " + latest.get().step()
                    + ", past the " + task.steps() + " steps asked for");
        }
        String description = task.describe();
        try (ParameterStore params = backend.createParameters(task.params(),
                latest.map(Checkpoint::params).orElseGet(task::initialWeights));
             TrainStep step = backend.compileTrainStep(task.loss(), params, task.optimizer())) {
            latest.ifPresent(c -> step.loadOptimizerState(c.optimizer()));
            long start = latest.map(Checkpoint::step).orElse(0L);
            Path[] last = {latest.map(c -> store.directory().resolve(CheckpointStore.dirName(c.step()))).orElse(null)};
            Trainer.CheckpointHook hook = store == null ? null : completed -> {
                try {
                    last[0] = store.save(new Checkpoint(completed, params.readAll(), step.optimizerState(),
                            Map.of("step", completed), description));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write checkpoint in " + store.directory() + ": "
                            + e.getMessage(), e);
                }
            };
            int n = task.examplesPerBatch();
            Trainer trainer = new Trainer(step, s -> new TrainingBatch(task.batch(s), n, n, 0),
                    new Trainer.Options(task.steps(), task::learningRate, settings.logEvery(),
                            settings.checkpointEvery(), settings.maxNonfinite()), log, hook);
            trainer.run(start, listener);
            return new TaskResult(runDir, start, task.steps(), last[0], params.readAll());
        }
    }

    /** The newest checkpoint in {@code store}; without {@code resume} a folder holding one is refused. */
    private static Optional<Checkpoint> latest(CheckpointStore store, Path runDir, boolean resume) throws IOException {
        Optional<Checkpoint> latest = store.loadLatest();
        if (latest.isPresent() && !resume) {
            throw new IllegalStateException("run folder " + runDir + " already holds checkpoints (latest: step "
                    + latest.get().step() + "); pass --resume to continue it or choose another --out");
        }
        return latest;
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
        return record -> {
            if (!record.skipped()) {
                ema.onStep(params::readAll);
            }
            listener.onStep(record);
        };
    }
}
