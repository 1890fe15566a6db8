package dev.transfusion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.config.ExperimentConfig;
import dev.transfusion.runtime.Experiment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every bundled config assembles, and every run of the bundled ablation grid is a valid config. */
class BundledConfigsTest {
    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "shapes-long", "tiny"})
    void bundledConfigAssembles(String name) {
        ExperimentConfig cfg = Common.loadConfig(name, List.of());
        try (Experiment e = Experiment.create(cfg, Path.of("."))) {
            assertThat(e.model().patchesPerImage()).isPositive();
            assertThat(e.batches().batch(0).images()).isPositive();
        }
    }

    @Test
    void bundledGridMirrorsThePapersAttentionByEncoderAblation() {
        AblationGrid g = AblationGrid.load("attention-encoder");
        List<Map<String, String>> runs = g.runs();
        assertThat(runs).hasSize(4);
        for (Map<String, String> run : runs) {
            List<String> o = new ArrayList<>(g.overrides());
            run.forEach((k, v) -> o.add(k + "=" + v));
            try (Experiment e = Experiment.create(Common.loadConfig(g.base(), o), Path.of("."))) {
                assertThat(e.config().attention().type()).isEqualTo(run.get("attention.type"));
                assertThat(e.config().image().encoder().type()).isEqualTo(run.get("image.encoder.type"));
            }
        }
    }
}
