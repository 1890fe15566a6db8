package dev.transfusion.modalities.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.backend.Backend;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.core.config.BackendConfig;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.data.shapes.ShapesDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VAE trains through core's training run: metrics.jsonl with its loss terms, checkpoints, refusal to overwrite,
 * and a resumed run that repeats the interrupted run's steps exactly (about a minute: two TF traces of the VAE).
 */
@Tag("slow")
class VaeTrainingRunSlowTest {
    private static final VaeConfig TINY = new VaeConfig(3, 4, 4, List.of(8, 8), 1, 4);
    private static final VaeTrainOptions OPTIONS = new VaeTrainOptions(6, 4, 3e-3, 2, 1e-4, false, 9, 16);
    private static final TrainingRun.Settings EVERY_3 = new TrainingRun.Settings(1, 3, 2, 5);

    @Test
    void anInterruptedRunResumesWhereItStoppedAndLogsItsLossTerms(@TempDir Path run) throws Exception {
        ShapesDataset data = new ShapesDataset(16, 1, 1, 3, 500, 50);
        // TF: its steps are deterministic; PyTorch's CPU group-norm backward sometimes returns NaN gradients for this
        // tiny VAE on its first steps (the guard skips them), which would make the two runs' skips differ
        try (Backend backend = Backends.create(new BackendConfig("tf", "cpu", 0))) {
            assertThatThrownBy(() -> TrainingRun.train(backend, new VaeTrainingTask(TINY, OPTIONS, data), EVERY_3, run,
                    false, r -> {
                        if (r.step() == 5) {
                            throw new IllegalStateException("simulated crash after the step-3 checkpoint");
                        }
                    })).hasMessageContaining("simulated crash");
            assertThatThrownBy(() -> TrainingRun.train(backend, new VaeTrainingTask(TINY, OPTIONS, data), EVERY_3, run,
                    false, TrainingListener.none())).hasMessageContaining("--resume");
            // steps 1-5 were logged before the crash (in step 5's listener); resuming from step 3 cuts 4-5 and
            // trains them again
            List<Map<String, Object>> beforeCrash = metrics(run);
            assertThat(beforeCrash).extracting(m -> m.get("step")).containsExactly(1, 2, 3, 4, 5);
            VaeTrainingTask task = new VaeTrainingTask(TINY, OPTIONS, data);
            TrainingRun.TaskResult resumed = TrainingRun.train(backend, task, EVERY_3, run, true,
                    TrainingListener.none());

            assertThat(resumed.startStep()).isEqualTo(3);
            assertThat(resumed.lastCheckpoint().getFileName().toString()).isEqualTo("step-00000006");
            List<Map<String, Object>> log = metrics(run);
            assertThat(log).extracting(m -> m.get("step")).containsExactly(1, 2, 3, 4, 5, 6);
            for (int i = 3; i <= 4; i++) { // weights, optimizer state and data resumed: the same losses exactly
                assertThat(log.get(i).get("loss")).as("step %d", i + 1).isEqualTo(beforeCrash.get(i).get("loss"));
                assertThat(log.get(i).get("grad_norm")).isEqualTo(beforeCrash.get(i).get("grad_norm"));
            }
            assertThat(log.get(5)).containsKeys("rec", "kl").doesNotContainKeys("lm_loss", "diffusion_loss")
                    .containsEntry("skipped", false);

            TrainedVae vae = task.save(backend, resumed.weights(), run, SafeTensors.files());
            assertThat(VaeCheckpoint.load(run, SafeTensors.files()).scaleFactor()).isEqualTo(vae.scaleFactor());
        }
    }

    private static List<Map<String, Object>> metrics(Path run) throws IOException {
        List<Map<String, Object>> log = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(TrainingRun.METRICS_FILE))) {
            log.add(new ObjectMapper().readValue(line, new TypeReference<Map<String, Object>>() { }));
        }
        return log;
    }
}
