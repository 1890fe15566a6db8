package dev.transfusion.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.Backend;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.core.config.BackendConfig;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.PluginKinds;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.data.Dataset;
import dev.transfusion.modalities.vae.VaeConfig;
import dev.transfusion.modalities.vae.VaeTrainOptions;
import dev.transfusion.modalities.vae.VaeTrainingTask;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every plugin combination is a config change only, and trains and samples on both backends: encoders (linear,
 * U-Net) × codecs (pixels, VAE) × backends, and every sampler with its objective family on the graph backend
 * (sampling itself is host code shared by all backends).
 */
class ModelZooTest {
    static final String BASE = """
            seed: 4
            model: { dim: 32, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            sampler: { type: ddim, steps: 3, cfg: 2.0 }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 3, batch: 2, seq_len: 48, lr: 1.0e-3, warmup: 1, checkpoint_every: 0 }
            """;

    @TempDir
    static Path vaeDir;

    @BeforeAll
    static void trainTinyVae() throws Exception {
        ExperimentConfig cfg = ConfigLoader.parse(BASE, "zoo.yaml", List.of());
        Dataset data = PluginRegistry.discover(PluginKinds.ALL).create(PluginKinds.DATASET, cfg.data().dataset(),
                PluginContext.of(1, Path.of(".")));
        try (Backend b = Backends.create(new BackendConfig("djl", "cpu", 0))) {
            VaeTrainingTask task = new VaeTrainingTask(new VaeConfig(3, 4, 4, List.of(8, 8), 1, 4),
                    new VaeTrainOptions(5, 4, 1e-3, 1, 1e-4, false, 1, 8), data);
            task.save(b, TrainingRun.train(b, task, TrainingRun.Settings.defaults(), TrainingListener.none()), vaeDir,
                    SafeTensors.files());
        }
    }

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : List.of("djl", "tf")) {
            for (String encoder : List.of("linear", "unet")) {
                for (String codec : List.of("pixels", "vae")) {
                    out.add(Arguments.of(backend, encoder, codec));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("combinations")
    void trainsAndSamples(String backend, String encoder, String codec, @TempDir Path run) {
        List<String> o = new ArrayList<>(List.of("backend.type=" + backend, "image.encoder.type=" + encoder,
                "image.codec.type=" + codec));
        if (encoder.equals("unet")) {
            o.add("image.encoder.channels=[8,16]");
            o.add("image.encoder.patch=2");
        }
        if (codec.equals("vae")) {
            o.add("image.codec.checkpoint=" + vaeDir);
            if (encoder.equals("linear")) {
                o.add("image.encoder.patch=2"); // the 4x4 latent takes 2x2 patches
            }
        }
        trainThenGenerate(o, run);
    }

    static Stream<Arguments> samplers() {
        return Stream.of("tf").flatMap(b -> Stream.of(Arguments.of(b, "ddpm", "epsilon"), Arguments.of(b, "ddim", "v"),
                Arguments.of(b, "ddpm", "x0"), Arguments.of(b, "euler", "flow"), Arguments.of(b, "heun", "flow")));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("samplers")
    void everySamplerRuns(String backend, String sampler, String objective, @TempDir Path run) {
        trainThenGenerate(List.of("backend.type=" + backend, "sampler.type=" + sampler, "sampler.steps=3",
                "diffusion.objective.type=" + objective), run);
    }

    static void trainThenGenerate(List<String> overrides, Path run) {
        ExperimentConfig cfg = ConfigLoader.parse(BASE, "zoo.yaml", overrides);
        try (Experiment e = Experiment.create(cfg, Path.of("."))) {
            TrainingRun.train(e, run, false, TrainingListener.none());
        }
        try (TrainedModel m = TrainedModel.load(run, List.of())) {
            HostTensor img = m.generator().generateImage("a small red circle", ImageOptions.of(2.0, 1));
            assertThat(img.shape()).isEqualTo(Shape.of(3, 16, 16));
            for (float v : img.floats()) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }
}
