package dev.transfusion.cli;

import dev.transfusion.cli.tensorboard.TensorBoardListener;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.StepRecord;
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.modalities.ParameterShare;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code train --config FILE|NAME [key=value ...] [--out DIR] [--resume] [--no-tensorboard]}. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model from a config.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Config file, or a bundled name (quickstart, ...).")
    String config;

    @Option(names = "--out", description = "Run folder (default runs/<config name>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint.")
    boolean resume;

    @Option(names = "--no-tensorboard", description = "Write no TensorBoard event file into the run folder.")
    boolean noTensorboard;

    @Option(names = "--verbose", description = "Show stack traces and native library logs.")
    boolean verbose;

    @Parameters(arity = "0..*", paramLabel = "key=value", description = "Config overrides, e.g. train.steps=100.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        ExperimentConfig cfg = Common.loadConfig(config, overrides);
        Path dir = out != null ? out : Path.of("runs", Path.of(config).getFileName().toString().replaceAll("\\.ya?ml$", ""));
        TrainingRun.Result r = run(cfg, dir, resume, !noTensorboard);
        System.out.println("run folder: " + r.runDir().toAbsolutePath());
        System.out.println("checkpoint: " + r.lastCheckpoint());
        return 0;
    }

    /** Trains with a progress bar, TensorBoard events and the loss curve; shared with quickstart and ablate. */
    static TrainingRun.Result run(ExperimentConfig cfg, Path dir, boolean resume) {
        return run(cfg, dir, resume, true);
    }

    /** Trains with a progress bar and writes the loss curve, and TensorBoard events when {@code tensorboard}. */
    static TrainingRun.Result run(ExperimentConfig cfg, Path dir, boolean resume, boolean tensorboard) {
        try (Experiment e = Experiment.create(cfg, Path.of("."))) {
            System.out.printf("model: %,d parameters, %d patches per image, backend %s on %s%n",
                    e.model().params().stream().mapToLong(p -> p.shape().size()).sum(), e.model().patchesPerImage(),
                    e.backend().name(), e.backend().device());
            System.out.println("image encoder/decoder (" + cfg.image().encoder().type() + "): "
                    + ParameterShare.imageEncoder(e.model().params()).describe());
            try (TrainingProgress progress = new TrainingProgress(cfg.train().steps());
                 TensorBoardListener board = tensorboard ? new TensorBoardListener(dir, cfg.train().logEvery(),
                         cfg.train().steps(), new CheckpointSamples(e)) : null) {
                TrainingRun.Result r = TrainingRun.train(e, dir, resume, board == null ? progress : both(progress, board));
                LossCurve.write(dir.resolve(TrainingRun.METRICS_FILE), dir.resolve("loss.png"));
                return r;
            }
        }
    }

    /** {@code first}, then {@code second}, for every step and checkpoint. */
    static TrainingListener both(TrainingListener first, TrainingListener second) {
        return new TrainingListener() {
            @Override
            public void onStep(StepRecord r) {
                first.onStep(r);
                second.onStep(r);
            }

            @Override
            public void onCheckpoint(long step, Path directory) {
                first.onCheckpoint(step, directory);
                second.onCheckpoint(step, directory);
            }
        };
    }
}
