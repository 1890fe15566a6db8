package com.example.transfusion.embedding;

import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.generate.TextOptions;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.data.Images;
import dev.transfusion.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM application that embeds transfusion: it trains a small model from a YAML config into a run folder, then
 * loads that folder as a {@link TrainedModel} (all an application ships: config, weights, tokenizer state) and
 * generates an image from a prompt and a caption for it.
 * <p>Usage: {@code EmbeddingExample RUN_DIR [PROMPT]}.
 */
public final class EmbeddingExample {
    /** The experiment this example trains: tiny, so it finishes in seconds on a laptop CPU. */
    static final String CONFIG = """
            seed: 3
            backend: { type: djl }
            model: { dim: 32, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            sampler: { type: ddim, steps: 5, cfg: 2.0 }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 20, batch: 2, seq_len: 48, lr: 1.0e-3, warmup: 2, checkpoint_every: 20 }
            """;

    private EmbeddingExample() {
    }

    /** What one run of the example produced. */
    public record Outcome(long trainedSteps, Path image, String caption) {
    }

    /** Trains into {@code runDir}, then generates {@code prompt} into {@code runDir/example.png} and captions it. */
    public static Outcome run(Path runDir, String prompt) throws IOException {
        ExperimentConfig config = ConfigLoader.parse(CONFIG, "embedding-example.yaml", List.of());
        try (Experiment experiment = Experiment.create(config, runDir)) {
            TrainingRun.train(experiment, runDir, false, TrainingListener.none());
        }
        try (TrainedModel model = TrainedModel.load(runDir, List.of())) {
            HostTensor image = model.generator().generateImage(prompt, ImageOptions.of(2.0, 42));
            Path png = runDir.resolve("example.png");
            Images.toPng(image, png);
            String caption = model.generator().caption(image, TextOptions.greedy(24));
            return new Outcome(model.step(), png, caption);
        }
    }

    /** Command-line entry point. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: EmbeddingExample RUN_DIR [PROMPT]");
            System.exit(2);
        }
        Outcome o = run(Path.of(args[0]), args.length > 1 ? args[1] : "a large red circle");
        System.out.println("trained " + o.trainedSteps() + " steps; image " + o.image() + "; caption: " + o.caption());
    }
}
