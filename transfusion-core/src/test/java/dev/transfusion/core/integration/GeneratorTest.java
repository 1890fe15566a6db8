package dev.transfusion.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.GeneratedPart;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.generate.TextOptions;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's costs and callbacks: the prefix is computed once per image, CFG rides in the same pass. */
class GeneratorTest {
    static final String CONFIG = """
            seed: 9
            backend: { type: djl }
            model: { dim: 32, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            sampler: { type: ddim, steps: 6, cfg: 3.0 }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 1, batch: 1, seq_len: 64 }
            """;

    @Test
    void prefixIsComputedOnceAndEveryDenoisingStepIsOneBatchedPass() {
        ExperimentConfig cfg = ConfigLoader.parse(CONFIG, "gen.yaml", List.of());
        try (Experiment e = Experiment.create(cfg, Path.of("."));
             ParameterStore p = e.initParameters();
             Generator g = e.generator(p, 64)) {
            String prompt = "a small red circle";
            List<Integer> steps = new ArrayList<>();
            HostTensor img = g.generateImage(prompt, new ImageOptions(3.0, 1, (i, n, t, x0) -> steps.add(t)));
            assertThat(img.shape()).isEqualTo(Shape.of(3, 16, 16));
            for (float v : img.floats()) {
                assertThat(v).isBetween(0f, 1f);
            }
            int promptTokens = e.tokenizer().encode(prompt).length + 2; // BOS ... BOI
            // Prefix once, then the clean image re-encoded once: nothing else is committed to the cache.
            assertThat(g.stats().committedPositions()).isEqualTo(promptTokens + e.model().patchesPerImage());
            // One forward pass per sampler step, conditional and unconditional rows batched together.
            assertThat(g.stats().denoisingPasses()).isEqualTo(6);
            assertThat(steps).hasSize(6);
            assertThat(steps.get(0)).isEqualTo(1000);
        }
    }

    @Test
    void guidanceIsAppliedOnlyInsideTheSamplersInterval() {
        String prompt = "a large blue square";
        float[] unguided = image(List.of(), prompt, 1.0);
        float[] guided = image(List.of(), prompt, 3.0);
        // the interval [0, 0.1] holds none of the six visited timesteps (1000, 834, ...), so cfg 3 changes nothing
        float[] outside = image(List.of("sampler.cfg_from=0.0", "sampler.cfg_to=0.1"), prompt, 3.0);
        assertThat(maxDifference(guided, unguided)).isGreaterThan(1e-3);
        assertThat(maxDifference(outside, unguided)).isLessThan(1e-4);
    }

    private static float[] image(List<String> overrides, String prompt, double cfg) {
        ExperimentConfig config = ConfigLoader.parse(CONFIG, "gen.yaml", overrides);
        try (Experiment e = Experiment.create(config, Path.of("."));
             ParameterStore p = e.initParameters();
             Generator g = e.generator(p, 64)) {
            return g.generateImage(prompt, ImageOptions.of(cfg, 5)).floats();
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void captionAndInterleavedStreamTokensAndStopAtTheLimit() {
        ExperimentConfig cfg = ConfigLoader.parse(CONFIG, "gen.yaml", List.of());
        try (Experiment e = Experiment.create(cfg, Path.of("."));
             ParameterStore p = e.initParameters();
             Generator g = e.generator(p, 64)) {
            HostTensor image = e.dataset().get(dev.transfusion.data.Split.HELD_OUT, 0).image();
            List<Integer> streamed = new ArrayList<>();
            String caption = g.caption(image, TextOptions.greedy(5).withListener((id, t) -> streamed.add(id)));
            assertThat(streamed.size()).isLessThanOrEqualTo(5);
            assertThat(e.tokenizer().decode(streamed.stream().mapToInt(Integer::intValue).toArray())).isEqualTo(caption);
            List<GeneratedPart> parts = g.generate(List.of(new GeneratedPart.Text("a")),
                    new TextOptions(1.0, 0, 1.0, 8, 3), ImageOptions.of(1.0, 2));
            assertThat(parts).allMatch(part -> part instanceof GeneratedPart.Text || part instanceof GeneratedPart.Image);
        }
    }
}
