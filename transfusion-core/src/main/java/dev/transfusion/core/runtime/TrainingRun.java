package dev.transfusion.core.runtime;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.checkpoint.Checkpoint;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ConfigWriter;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.train.EmaWeights;
import dev.transfusion.core.train.MetricsLog;
import dev.transfusion.core.train.PrefetchingBatchSource;
import dev.transfusion.core.train.StepRecord;
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
import java.util.List;
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
     * Trains {@code experiment} into {@code runDir}, holding the folder's {@link RunLock} throughout. Without
     * {@code resume}, a folder that already holds checkpoints or metrics is refused (nothing is overwritten); with
     * it, training continues from the newest checkpoint, which must exist, be intact and match the model's
     * parameter names and shapes. Every check runs before anything is written: a refused command leaves
     * {@code config.yaml}, {@code metrics.jsonl} and the checkpoints as they were.
     */
    public static Result train(Experiment experiment, Path runDir, boolean resume, TrainingListener listener) {
        return locked(runDir, resume, () -> trainLocked(experiment, runDir, resume, listener));
    }

    /** Work done while holding a run folder's lock. */
    @FunctionalInterface
    private interface LockedWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} holding {@code runDir}'s {@link RunLock}; {@code --resume} needs the folder to exist, which a
     * new run creates.
     */
    private static <T> T locked(Path runDir, boolean resume, LockedWork<T> work) {
        try {
            if (resume && !Files.isDirectory(runDir)) {
                throw new IllegalArgumentException("--resume: run folder " + runDir + " does not exist; "
                        + "drop --resume to start a new run there");
            }
            Files.createDirectories(runDir);
            try (RunLock lock = RunLock.acquire(runDir)) {
                lock.takenOverFrom().ifPresent(holder -> note("took over the lock of an earlier run that ended "
                        + "without releasing it (" + holder + ")"));
                return work.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("training run in " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static Result trainLocked(Experiment experiment, Path runDir, boolean resume, TrainingListener listener)
            throws IOException {
        CheckpointStore store = new CheckpointStore(runDir, experiment.config().train().keepCheckpoints());
        Optional<Checkpoint> latest = resume ? Optional.of(resumable(store, runDir)) : Optional.empty();
        if (!resume) {
            refuseExistingRun(store, runDir);
        }
        latest.ifPresent(c -> ResumeCheck.requireCompatible(experiment, c, store.directory()
                .resolve(CheckpointStore.dirName(c.step()))));
        // What the run records: the config with its inference files (a tokenizer's vocabulary, a codec's weights)
        // pointing at copies inside the run folder, so the folder alone is a loadable model.
        ExperimentConfig recorded = RunAssets.bundle(experiment.config(), experiment.registry(), experiment.baseDir(),
                runDir);
        String yaml = ConfigWriter.toYaml(recorded);
        long start = latest.map(Checkpoint::step).orElse(0L);
        try (ParameterStore params = latest.isPresent()
                ? experiment.loadParameters(latest.get().params()) : experiment.initParameters();
             TrainStep step = experiment.compileTrainStep(params)) {
            if (latest.isPresent()) {
                step.loadOptimizerState(latest.get().optimizer());
            }
            EmaWeights ema = startEma(experiment.config().train().ema(), params, latest);
            // Everything is checked: only now touch the folder's files.
            ConfigWriter.write(recorded, runDir.resolve(CONFIG_FILE));
            Path[] last = {latest.map(c -> store.directory().resolve(CheckpointStore.dirName(c.step()))).orElse(null)};
            try (MetricsLog log = latest.isPresent()
                    ? MetricsLog.resume(runDir.resolve(METRICS_FILE), start, TrainingRun::note)
                    : new MetricsLog(runDir.resolve(METRICS_FILE));
                 PrefetchingBatchSource batches = new PrefetchingBatchSource(experiment.batches())) {
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
                        experiment.learningRate()::at, t.logEvery(), t.checkpointEvery(), t.maxNonfinite()), log, hook);
                trainer.run(start, ema == null ? listener : averaging(ema, params, listener));
                return new Result(runDir, start, t.steps(), last[0]);
            }
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
     * Trains {@code task} (e.g. the VAE) into {@code runDir} with the same loop, lock, metrics log
     * ({@code metrics.jsonl}), non-finite guard and checkpoints ({@code checkpoints/step-N/}: weights, optimizer
     * state, the task's description) as a Transfusion run, refusing or resuming a folder as {@link #train} does.
     */
    public static TaskResult train(Backend backend, TrainingTask task, Settings settings, Path runDir, boolean resume,
            TrainingListener listener) {
        return locked(runDir, resume, () -> {
            CheckpointStore store = new CheckpointStore(runDir, settings.keepCheckpoints());
            Optional<Checkpoint> latest = resume ? Optional.of(resumable(store, runDir)) : Optional.empty();
            if (!resume) {
                refuseExistingRun(store, runDir);
            }
            long start = latest.map(Checkpoint::step).orElse(0L);
            try (MetricsLog log = latest.isPresent()
                    ? MetricsLog.resume(runDir.resolve(METRICS_FILE), start, TrainingRun::note)
                    : new MetricsLog(runDir.resolve(METRICS_FILE))) {
                return run(backend, task, settings, runDir, store, latest, log, listener);
            }
        });
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
                    listener.onCheckpoint(completed, last[0]);
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

    /**
     * The newest checkpoint of {@code runDir}, read in full. Falling back to an older one would silently drop the
     * steps in between, so a damaged newest checkpoint is an error that names the usable one.
     */
    private static Checkpoint resumable(CheckpointStore store, Path runDir) throws IOException {
        Optional<CheckpointStore.Selection> chosen = store.newestUsable(CheckpointStore.Purpose.RESUME);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--resume: nothing to resume in " + runDir + ": it has no checkpoint"
                    + " (expected " + store.directory().resolve("step-N") + "); drop --resume to start a new run");
        }
        CheckpointStore.Selection s = chosen.get();
        if (!s.passedOver().isEmpty()) {
            throw new IllegalStateException("--resume: the newest checkpoint is unusable: " + s.passedOver().get(0)
                    + "; the newest usable one is " + s.dir() + " (step " + s.checkpoint().step() + "). To resume "
                    + "from it, move the newer step folder(s) out of " + store.directory() + " (their steps will be "
                    + "trained again)");
        }
        return s.checkpoint();
    }

    /** A new run may not mix its files with an earlier run's: checkpoints or metrics there are refused. */
    private static void refuseExistingRun(CheckpointStore store, Path runDir) throws IOException {
        List<Path> existing = store.stepDirectories();
        if (!existing.isEmpty()) {
            throw new IllegalStateException("run folder " + runDir + " already holds checkpoints (latest: "
                    + existing.get(existing.size() - 1).getFileName() + "); pass --resume to continue it or choose "
                    + "another --out");
        }
        Path metrics = runDir.resolve(METRICS_FILE);
        if (Files.exists(metrics) && Files.size(metrics) > 0) {
            throw new IllegalStateException("run folder " + runDir + " already holds " + METRICS_FILE + " from an "
                    + "earlier run that saved no checkpoint; choose another --out, or delete " + metrics
                    + " to start over there");
        }
    }

    /** A one-line note on stderr: something was repaired or taken over, and the user should know. */
    private static void note(String text) {
        System.err.println("note: " + text);
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
