package dev.transfusion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.runtime.Experiment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bundled config assembles, and every run of the bundled ablation grid is a valid config. */
class BundledConfigsTest {
    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "shapes-long", "tiny"})
    void bundledConfigAssembles(String name) {
        ExperimentConfig cfg = Common.loadConfig(name, List.of());
        try (Experiment e = Experiment.create(cfg, Path.of("."))) {
            assertThat(e.model().patchesPerImage()).isPositive();
            for (int s = 0; s < 20; s++) {
                var batch = e.batches().batch(s);
                assertThat(batch.images()).isPositive();
                assertThat(batch.droppedDocuments()).as("documents too long for train.seq_len at batch " + s).isZero();
            }
        }
    }

    @Test
    void vaeConfigWithoutItsTrainedVaeSaysWhichKeyAndHowToTrainOne(@TempDir Path empty) {
        ExperimentConfig cfg = Common.loadConfig("shapes-vae", List.of());
        assertThat(cfg.image().codec().type()).isEqualTo("vae");
        assertThatThrownBy(() -> Experiment.create(cfg, empty).close())
                .hasMessageContaining("image.codec.checkpoint")
                .hasMessageContaining("runs/vae-shapes")
                .hasMessageContaining("train-vae");
    }

    @Test
    void bundledGridMirrorsThePapersAttentionByEncoderAblation() {
        AblationGrid g = AblationGrid.load("attention-encoder");
        List<Map<String, AxisValue>> runs = g.runs();
        assertThat(runs).hasSize(4);
        for (Map<String, AxisValue> run : runs) {
            try (Experiment e = Experiment.create(Common.loadConfig(g.base(), g.overridesFor(run)), Path.of("."))) {
                assertThat(e.config().attention().type()).isEqualTo(run.get("attention.type").value());
                assertThat(e.config().image().encoder().type()).isEqualTo(run.get("image.encoder").label());
            }
        }
    }
}
