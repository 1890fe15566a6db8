package dev.transfusion.core.runtime;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.checkpoint.Checkpoint;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained model loaded from a checkpoint, ready to generate; the config travels inside the checkpoint. It samples
 * with the checkpoint's moving-average weights when the run kept them ({@code train.ema}), else its last weights.
 * <pre>{@code
 * try (TrainedModel m = TrainedModel.load(Path.of("runs/quickstart"), List.of())) {
 *     HostTensor image = m.generator().generateImage("a red circle", ImageOptions.of(3.0, 42));
 * }
 * }</pre>
 * Thread-safety: the generator serialises its calls; share one TrainedModel per process.
 */
public final class TrainedModel implements AutoCloseable {
    private final Experiment experiment;
    private final ParameterStore params;
    private final Checkpoint checkpoint;
    private Generator generator;

    private TrainedModel(Experiment experiment, ParameterStore params, Checkpoint checkpoint) {
        this.experiment = experiment;
        this.params = params;
        this.checkpoint = checkpoint;
    }

    /**
     * Loads a run folder (its newest usable checkpoint, with a note on stderr when a newer one is damaged) or one
     * checkpoint folder, reading only the weights and config, not the optimizer state. {@code overrides} ({@code a.b=v}) adjust
     * the stored config, e.g. {@code backend.type=tf} or {@code sampler.steps=50}.
     */
    public static TrainedModel load(Path path, List<String> overrides) {
        try {
            Path dir = path;
            Checkpoint ckpt;
            if (Files.exists(dir.resolve(CheckpointStore.MODEL_FILE))) {
                ckpt = CheckpointStore.readWeights(dir);
            } else {
                CheckpointStore.Selection chosen = new CheckpointStore(path)
                        .newestUsable(CheckpointStore.Purpose.INFERENCE)
                        .orElseThrow(() -> new IllegalArgumentException("no checkpoint in " + path + " (expected "
                                + CheckpointStore.MODEL_FILE + " there or a checkpoints/step-N folder)"));
                dir = chosen.dir();
                ckpt = chosen.checkpoint();
                if (!chosen.passedOver().isEmpty()) {
                    System.err.println("note: using " + dir + " (step " + ckpt.step() + ") because the newer "
                            + "checkpoint is unusable: " + chosen.passedOver().get(0) + "; to choose one yourself "
                            + "pass --checkpoint " + dir.getParent().resolve("step-N"));
                }
            }
            if (ckpt.configYaml() == null || ckpt.configYaml().isBlank()) {
                throw new IllegalArgumentException("checkpoint " + dir + " carries no config in its metadata");
            }
            ExperimentConfig config = ConfigLoader.parse(ckpt.configYaml(), dir.resolve(CheckpointStore.MODEL_FILE)
                    + " (embedded config)", overrides);
            // For inference only: the training data may be gone; the run folder is all a trained model needs, and the
            // files its components read were copied into it (RunAssets), so paths resolve against it.
            Experiment e = Experiment.forInference(config, runFolder(dir));
            return new TrainedModel(e, e.loadParameters(ckpt.inferenceWeights()), ckpt);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The run folder a checkpoint folder {@code RUN/checkpoints/step-N} belongs to; any other folder is its own. */
    static Path runFolder(Path checkpointDir) {
        Path abs = checkpointDir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        boolean inRun = parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(CheckpointStore.DIR) && parent.getParent() != null;
        return inRun ? parent.getParent() : abs;
    }

    /** The experiment (config, plugins, backend). */
    public Experiment experiment() {
        return experiment;
    }

    /** The parameters on the backend. */
    public ParameterStore params() {
        return params;
    }

    /** The training step the checkpoint was taken at. */
    public long step() {
        return checkpoint.step();
    }

    /** The generator (created on first use) within the default {@link #defaultMaxPositions()} positions. */
    public synchronized Generator generator() {
        return generator(defaultMaxPositions());
    }

    /**
     * The generator whose KV cache holds {@code maxPositions} positions: prompt tokens, specials and image patches
     * of one generation together. Beyond {@code train.seq_len} the model extrapolates its rotary positions. A
     * generator of another size made earlier is closed and replaced (one KV cache size per model at a time).
     */
    public synchronized Generator generator(int maxPositions) {
        if (maxPositions < 1) {
            throw new IllegalArgumentException("max positions must be >= 1, got " + maxPositions);
        }
        if (generator != null && generator.maxPositions() != maxPositions) {
            generator.close();
            generator = null;
        }
        if (generator == null) {
            generator = experiment.generator(params, maxPositions);
        }
        return generator;
    }

    /** The positions a generation may use unless raised: the training sequence length {@code train.seq_len}. */
    public int defaultMaxPositions() {
        return experiment.config().train().seqLen();
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.close();
        }
        params.close();
        experiment.close();
    }
}
