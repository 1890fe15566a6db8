package dev.transfusion.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.checkpoint.CheckpointStore;
import dev.transfusion.config.ConfigLoader;
import dev.transfusion.config.ExperimentConfig;
import dev.transfusion.runtime.Experiment;
import dev.transfusion.runtime.TrainingRun;
import dev.transfusion.train.StepRecord;
import dev.transfusion.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from a checkpoint reproduces the uninterrupted loss curve; existing runs are never overwritten. */
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

    static List<Double> run(Path dir, boolean resume) {
        ExperimentConfig config = ConfigLoader.parse(CONFIG, "resume.yaml", List.of());
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
        // Simulate a crash after step 4: the step-8 checkpoint never got written.
        try (Stream<Path> s = Files.walk(b.resolve("checkpoints").resolve(CheckpointStore.dirName(8)))) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
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
    void refusesToOverwriteAnExistingRun() {
        Path a = tmp.resolve("c");
        run(a, false);
        assertThatThrownBy(() -> run(a, false)).hasMessageContaining("already holds checkpoints")
                .hasMessageContaining("--resume");
    }
}
