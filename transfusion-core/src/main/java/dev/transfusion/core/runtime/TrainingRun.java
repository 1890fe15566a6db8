package dev.transfusion.core.runtime;

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
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.tensor.HostTensor;
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
        try {
            if (resume && !Files.isDirectory(runDir)) {
                throw new IllegalArgumentException("--resume: run folder " + runDir + " does not exist; "
                        + "drop --resume to start a new run there");
            }
            Files.createDirectories(runDir);
            try (RunLock lock = RunLock.acquire(runDir)) {
                lock.takenOverFrom().ifPresent(holder -> note("took over the lock of an earlier run that ended "
                        + "without releasing it (" + holder + ")"));
                return trainLocked(experiment, runDir, resume, listener);
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
                        experiment.learningRate(), t.logEvery(), t.checkpointEvery(), t.maxNonfinite()), log, hook);
                trainer.run(start, ema == null ? listener : averaging(ema, params, listener));
                return new Result(runDir, start, t.steps(), last[0]);
            }
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
