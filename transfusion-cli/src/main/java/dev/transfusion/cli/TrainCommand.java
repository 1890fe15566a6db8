package dev.transfusion.cli;

import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.modalities.ParameterShare;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code train --config FILE|NAME [key=value ...] [--out DIR] [--resume]}. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model from a config.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Config file, or a bundled name (quickstart, ...).")
    String config;

    @Option(names = "--out", description = "Run folder (default runs/<config name>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint.")
    boolean resume;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Parameters(arity = "0..*", paramLabel = "key=value", description = "Config overrides, e.g. train.steps=100.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        ExperimentConfig cfg = Common.loadConfig(config, overrides);
        Path dir = out != null ? out : Path.of("runs", Path.of(config).getFileName().toString().replaceAll("\\.ya?ml$", ""));
        TrainingRun.Result r = run(cfg, dir, resume);
        System.out.println("run folder: " + r.runDir().toAbsolutePath());
        System.out.println("checkpoint: " + r.lastCheckpoint());
        return 0;
    }

    /** Trains with a progress bar and writes the loss curve; shared with quickstart and ablate. */
    static TrainingRun.Result run(ExperimentConfig cfg, Path dir, boolean resume) {
        try (Experiment e = Experiment.create(cfg, Path.of("."))) {
            System.out.printf("model: %,d parameters, %d patches per image, backend %s on %s%n",
                    e.model().params().stream().mapToLong(p -> p.shape().size()).sum(), e.model().patchesPerImage(),
                    e.backend().name(), e.backend().device());
            System.out.println("image encoder/decoder (" + cfg.image().encoder().type() + "): "
                    + ParameterShare.imageEncoder(e.model().params()).describe());
            try (TrainingProgress progress = new TrainingProgress(cfg.train().steps())) {
                TrainingRun.Result r = TrainingRun.train(e, dir, resume, progress);
                LossCurve.write(dir.resolve(TrainingRun.METRICS_FILE), dir.resolve("loss.png"));
                return r;
            }
        }
    }
}
