package dev.transfusion.core.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.core.checkpoint.Checkpoint;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.StepRecord;
import dev.transfusion.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming from a checkpoint reproduces the uninterrupted loss curve and weight average; existing runs are never
 * overwritten.
 */
class ResumeTest {
    static final String CONFIG = """
            seed: 11
            backend: { type: djl }
            model: { dim: 32, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            data: { dataset: { type: shapes, image_size: 16 }, caption_first: 0.5 }
            train: { steps: 8, batch: 2, seq_len: 48, lr: 1.0e-3, warmup: 2, checkpoint_every: 4, log_every: 1 }
            """;

    @TempDir
    Path tmp;

    static List<Double> run(Path dir, boolean resume, String... overrides) {
        ExperimentConfig config = ConfigLoader.parse(CONFIG, "resume.yaml", List.of(overrides));
        List<Double> losses = new ArrayList<>();
        TrainingListener l = (StepRecord r) -> losses.add(r.loss());
        try (Experiment e = Experiment.create(config, Path.of("."))) {
            TrainingRun.train(e, dir, resume, l);
        }
        return losses;
    }

    @Test
    void resumedRunMatchesUninterruptedRun() throws IOException {
        List<Double> full = run(tmp.resolve("a"), false);
        assertThat(full).hasSize(8);

        Path b = tmp.resolve("b");
        run(b, false);
        deleteCheckpoint(b, 8); // a crash after step 4: the step-8 checkpoint never got written
        List<Double> resumed = run(b, true);
        assertThat(resumed).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(resumed.get(i)).as("loss at step %d", i + 5).isCloseTo(full.get(i + 4),
                    org.assertj.core.api.Assertions.within(1e-4 * Math.max(1, full.get(i + 4))));
        }
        // The run folder holds the resolved config and a metrics line per step.
        assertThat(b.resolve(TrainingRun.CONFIG_FILE)).exists();
        List<String> lines = Files.readAllLines(b.resolve(TrainingRun.METRICS_FILE));
        assertThat(new ObjectMapper().readTree(lines.get(0)).get("step").asInt()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(lines.get(0)).has("grad_norm")).isTrue();
    }

    @Test
    void movingAverageIsSavedRestoredOnResumeAndUsedForSampling() throws IOException {
        run(tmp.resolve("ema-full"), false, "train.ema=0.9");
        Path b = tmp.resolve("ema-resumed");
        run(b, false, "train.ema=0.9");
        deleteCheckpoint(b, 8);
        run(b, true, "train.ema=0.9");
        Checkpoint full = CheckpointStore.read(tmp.resolve("ema-full/checkpoints").resolve(CheckpointStore.dirName(8)));
        Checkpoint resumed = CheckpointStore.read(b.resolve("checkpoints").resolve(CheckpointStore.dirName(8)));
        assertThat(full.ema()).isNotEmpty();
        for (String name : full.params().keySet()) {
            float[] a = full.ema().get(name).floats();
            assertThat(resumed.ema().get(name).floats()).as(name).containsExactly(a, within(1e-5f));
        }
        // the average lags the last weights
        String embedding = full.params().keySet().iterator().next();
        assertThat(full.ema().get(embedding).floats()).isNotEqualTo(full.params().get(embedding).floats());
        try (TrainedModel m = TrainedModel.load(tmp.resolve("ema-full"), List.of())) {
            assertThat(m.params().read(embedding).floats()).containsExactly(full.ema().get(embedding).floats());
        }
    }

    private static void deleteCheckpoint(Path run, long step) throws IOException {
        try (Stream<Path> s = Files.walk(run.resolve("checkpoints").resolve(CheckpointStore.dirName(step)))) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void refusesToOverwriteAnExistingRun() {
        Path a = tmp.resolve("c");
        run(a, false);
        assertThatThrownBy(() -> run(a, false)).hasMessageContaining("already holds checkpoints")
                .hasMessageContaining("--resume");
    }
}
