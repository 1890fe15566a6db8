package dev.transfusion.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.StepRecord;
import dev.transfusion.core.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners hear of every checkpoint once it is on disk, with or without a weight average in between. */
class CheckpointListenerTest {
    @TempDir
    Path tmp;

    @Test
    void everyCheckpointIsAnnouncedAfterItIsWritten() {
        for (String ema : List.of("0.0", "0.9")) {
            Path dir = tmp.resolve("ema-" + ema);
            List<String> seen = new ArrayList<>();
            TrainingListener l = new TrainingListener() {
                @Override
                public void onStep(StepRecord r) {
                }

                @Override
                public void onCheckpoint(long step, Path directory) {
                    assertThat(directory.resolve(CheckpointStore.MODEL_FILE)).exists();
                    seen.add(step + ":" + directory.getFileName());
                }
            };
            var config = ConfigLoader.parse(ResumeTest.CONFIG, "listener.yaml", List.of("train.steps=6",
                    "train.checkpoint_every=3", "train.ema=" + ema));
            try (Experiment e = Experiment.create(config, Path.of("."))) {
                TrainingRun.train(e, dir, false, l);
            }
            assertThat(seen).as("ema " + ema).containsExactly("3:" + CheckpointStore.dirName(3),
                    "6:" + CheckpointStore.dirName(6));
            assertThat(Files.isDirectory(dir.resolve("checkpoints").resolve(CheckpointStore.dirName(6)))).isTrue();
        }
    }
}
