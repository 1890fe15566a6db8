package com.example.transfusion.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.cli.TransfusionCli;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.runtime.Experiment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plugin jar that depends only on transfusion-api is listed by `components` and selectable by config. */
class ThirdPartyPluginTest {
    private static final String TINY = """
            seed: 7
            backend: { type: djl }
            model: { dim: 32, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 10, batch: 2, seq_len: 48 }
            """;

    @Test
    void componentsListsTheThirdPartySchedule() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(TransfusionCli.execute("components")).isZero();
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("noise schedule").containsPattern("sigmoid .*plugin-sigmoid-schedule");
    }

    @Test
    void aConfigSelectsItByName() {
        ExperimentConfig cfg = ConfigLoader.parse(TINY, "plugin.yaml",
                List.of("diffusion.schedule.type=sigmoid", "diffusion.schedule.timesteps=200", "sampler.steps=50"));
        try (Experiment e = Experiment.create(cfg, Path.of("."))) {
            assertThat(e.objective().coefficients(100).signal()).isGreaterThan(0).isLessThan(1);
            assertThat(e.objective().timesteps()).isEqualTo(200);
            assertThat(e.batches().batch(0).images()).isPositive();
        }
    }
}
