package dev.transfusion.core.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.generate.TextOptions;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.data.Split;
import dev.transfusion.data.shapes.PlacedShape;
import dev.transfusion.data.shapes.Scene;
import dev.transfusion.data.shapes.SceneRenderer;
import dev.transfusion.data.shapes.ShapeKind;
import dev.transfusion.data.shapes.ShapesDataset;
import dev.transfusion.modalities.vae.TrainedVae;
import dev.transfusion.modalities.vae.VaeCheckpoint;
import dev.transfusion.modalities.vae.VaeConfig;
import dev.transfusion.modalities.vae.VaeModel;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained model stands alone: a run trained on IDX files generates an image and a caption after the files are
 * gone, because loading for inference never opens the training data.
 */
class StandaloneRunTest {
    private static final int COUNT = 24;
    private static final int SIZE = 16;

    @TempDir
    Path tmp;

    @Test
    void aRunGeneratesAfterItsTrainingDataIsDeleted() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        writeShapesAsIdx(data.resolve("images.idx"), data.resolve("labels.idx"));
        String kinds = Arrays.stream(ShapeKind.values()).map(k -> k.name().toLowerCase())
                .collect(Collectors.joining(", "));
        ExperimentConfig config = ConfigLoader.parse("""
                seed: 5
                backend: { type: djl }
                model: { dim: 32, layers: 1, heads: 2 }
                image: { size: 16, channels: 1, encoder: { type: linear, patch: 4 } }
                sampler: { type: ddim, steps: 3, cfg: 2.0 }
                data: { dataset: { type: idx, images: images.idx, labels: labels.idx, templates: ["a {label}"],
                        label_names: [%s], held_out: 4 } }
                train: { steps: 4, batch: 2, seq_len: 48, lr: 1.0e-3, warmup: 1, checkpoint_every: 4 }
                """.formatted(kinds), "standalone.yaml", List.of());
        Path run = tmp.resolve("run");
        try (Experiment e = Experiment.create(config, data)) {
            assertThat(e.dataset().size(Split.TRAIN)).isEqualTo(COUNT - 4);
            TrainingRun.train(e, run, false, TrainingListener.none());
        }

        Files.delete(data.resolve("images.idx"));
        Files.delete(data.resolve("labels.idx"));
        Files.delete(data);
        // Training from this config now fails for want of its data...
        assertThatThrownBy(() -> Experiment.create(config, data).close()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("data.dataset.images");

        // ...but the run folder alone still generates.
        try (TrainedModel model = TrainedModel.load(run, List.of())) {
            assertThat(model.step()).isEqualTo(4);
            HostTensor image = model.generator().generateImage("a circle", ImageOptions.of(2.0, 1));
            assertThat(image.shape()).isEqualTo(Shape.of(1, SIZE, SIZE));
            for (float v : image.floats()) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(model.generator().caption(image, TextOptions.greedy(6))).isNotNull();
        }
    }

    @Test
    void aRunCarriesTheFilesItsInferenceComponentsRead() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        writeShapesAsIdx(data.resolve("images.idx"), data.resolve("labels.idx"));
        // A VAE codec reads its weights from a folder next to the config; an untrained one is enough here.
        VaeConfig vae = new VaeConfig(1, 4, 4, List.of(8, 8), 1, 4);
        VaeCheckpoint.save(data.resolve("vae"), new TrainedVae(vae,
                ParamInitializer.initialize(new VaeModel(vae).params(), 3), 1.0), SafeTensors.files());
        ExperimentConfig config = ConfigLoader.parse("""
                seed: 5
                backend: { type: djl }
                model: { dim: 32, layers: 1, heads: 2 }
                image: { size: 16, channels: 1, codec: { type: vae, checkpoint: vae },
                         encoder: { type: linear, patch: 1 } }
                sampler: { type: ddim, steps: 2, cfg: 2.0 }
                data: { dataset: { type: idx, images: images.idx, labels: labels.idx, templates: ["a {label}"],
                        held_out: 4 } }
                train: { steps: 2, batch: 2, seq_len: 48, lr: 1.0e-3, warmup: 1, checkpoint_every: 2 }
                """, "assets.yaml", List.of());
        Path run = tmp.resolve("run");
        try (Experiment e = Experiment.create(config, data)) {
            TrainingRun.train(e, run, false, TrainingListener.none());
        }
        // The recorded config points at the copy inside the run folder, relative to it.
        assertThat(Files.readString(run.resolve(TrainingRun.CONFIG_FILE)))
                .contains("checkpoint: assets/image.codec/vae");
        assertThat(run.resolve("assets/image.codec/vae").resolve(VaeCheckpoint.FILE)).isRegularFile();

        // Ship the run folder alone: the data folder, VAE included, is gone and the run has moved.
        deleteTree(data);
        Path shipped = Files.move(run, tmp.resolve("elsewhere"));
        try (TrainedModel model = TrainedModel.load(shipped, List.of())) {
            HostTensor image = model.generator().generateImage("a circle", ImageOptions.of(2.0, 1));
            assertThat(image.shape()).isEqualTo(Shape.of(1, SIZE, SIZE));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** MNIST-format IDX files of rendered shapes (grey = mean of RGB), labelled with their first shape's kind. */
    private static void writeShapesAsIdx(Path imagesFile, Path labelsFile) throws IOException {
        ShapesDataset shapes = new ShapesDataset(SIZE, 1, 1, 9, COUNT, 0);
        ByteBuffer images = ByteBuffer.allocate(16 + COUNT * SIZE * SIZE).putInt(0x00000803).putInt(COUNT)
                .putInt(SIZE).putInt(SIZE);
        ByteBuffer labels = ByteBuffer.allocate(8 + COUNT).putInt(0x00000801).putInt(COUNT);
        for (int i = 0; i < COUNT; i++) {
            Scene scene = shapes.scene(Split.TRAIN, i);
            float[] rgb = SceneRenderer.render(scene).floats();
            int plane = SIZE * SIZE;
            for (int p = 0; p < plane; p++) {
                float grey = (rgb[p] + rgb[plane + p] + rgb[2 * plane + p]) / 3;
                images.put((byte) Math.round(255 * Math.min(1, Math.max(0, grey))));
            }
            PlacedShape first = scene.shapes().get(0);
            labels.put((byte) first.kind().ordinal());
        }
        Files.write(imagesFile, images.array());
        Files.write(labelsFile, labels.array());
    }
}
