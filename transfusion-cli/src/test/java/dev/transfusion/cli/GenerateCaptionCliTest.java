package dev.transfusion.cli;

import static dev.transfusion.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.cli.CliTest.Run;
import dev.transfusion.cli.tensorboard.EventFiles;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.io.SafeTensorsFile;
import dev.transfusion.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

/** generate, caption and train's TensorBoard output on one tiny trained run: files, records, and checked inputs. */
class GenerateCaptionCliTest {
    @TempDir
    static Path tmp;
    static Path runDir;

    @BeforeAll
    static void train() {
        runDir = tmp.resolve("run");
        Run train = run("train", "--config", "tiny", "--out", runDir.toString(), "train.steps=6",
                "train.checkpoint_every=3", "train.log_every=2");
        assertThat(train.code()).as(train.err()).isZero();
    }

    @Test
    void trainingWritesTensorBoardScalarsForEveryLoggedStepAndASampleGridPerCheckpoint() throws IOException {
        Path file;
        try (Stream<Path> s = Files.list(runDir)) {
            file = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).findFirst()
                    .orElseThrow();
        }
        Map<String, Map<Long, Float>> scalars = new LinkedHashMap<>();
        Map<Long, BufferedImage> images = new LinkedHashMap<>();
        for (Event e : EventFiles.read(file)) {
            for (var v : e.getSummary().getValueList()) {
                if (v.hasImage()) {
                    images.put(e.getStep(), ImageIO.read(v.getImage().getEncodedImageString().newInput()));
                } else {
                    scalars.computeIfAbsent(v.getTag(), k -> new LinkedHashMap<>()).put(e.getStep(), v.getSimpleValue());
                }
            }
        }
        assertThat(scalars).containsKeys("train/loss", "train/lm_loss", "train/diffusion_loss", "train/lr",
                "train/grad_norm", "train/tokens_per_s");
        // the same steps and values as metrics.jsonl
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertThat(scalars.get("train/loss")).hasSize(lines.size());
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            assertThat(scalars.get("train/loss").get(n.get("step").asLong())).isEqualTo((float) n.get("loss").asDouble());
            assertThat(scalars.get("train/lr").get(n.get("step").asLong())).isEqualTo((float) n.get("lr").asDouble());
        }
        assertThat(images).containsOnlyKeys(3L, 6L);
        assertThat(images.get(6L).getWidth()).isGreaterThanOrEqualTo(2 * 128);
    }

    @Test
    void batchGenerationWritesImagesGridAndSamplesLog() throws IOException {
        Path out = tmp.resolve("batch");
        Run gen = run("generate", "--checkpoint", runDir.toString(), "--prompt", "a small red circle", "--n", "4",
                "--steps", "2", "--seed", "7", "--cfg", "1.5", "--out", out.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        for (String f : List.of("000.png", "001.png", "002.png", "003.png")) {
            assertThat(ImageIO.read(out.resolve(f).toFile()).getWidth()).isEqualTo(16);
        }
        List<String> lines = Files.readAllLines(out.resolve("samples.jsonl"));
        assertThat(lines).hasSize(4);
        JsonNode last = new ObjectMapper().readTree(lines.get(3));
        assertThat(last.get("prompt").asText()).isEqualTo("a small red circle");
        assertThat(last.get("seed").asLong()).isEqualTo(10);
        assertThat(last.get("steps").asInt()).isEqualTo(2);
        assertThat(last.get("cfg").asDouble()).isEqualTo(1.5);
        assertThat(last.get("sampler").asText()).isNotBlank();
        assertThat(last.get("file").asText()).isEqualTo("003.png");
        BufferedImage grid = ImageIO.read(out.resolve("grid.png").toFile());
        assertThat(grid.getWidth()).isGreaterThanOrEqualTo(256);

        Run again = run("generate", "--checkpoint", runDir.toString(), "--prompt", "a small red circle", "--n", "4",
                "--steps", "2", "--out", out.toString());
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("--out").contains("samples.jsonl").contains("--force");
        Run forced = run("generate", "--checkpoint", runDir.toString(), "--prompt", "a small red circle", "--n", "1",
                "--steps", "2", "--out", out.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("samples.jsonl"))).hasSize(1);
    }

    @Test
    void manyPromptsFromAFileAndOneFilePng() throws IOException {
        Path prompts = tmp.resolve("prompts.txt");
        Files.writeString(prompts, "a small red circle\n\na large blue square\n");
        Path out = tmp.resolve("many");
        Run gen = run("generate", "--checkpoint", runDir.toString(), "--prompts", prompts.toString(), "--n", "2",
                "--steps", "2", "--out", out.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("samples.jsonl"))).hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("a large blue square").contains("\"seed\":1"));

        Path png = tmp.resolve("one.png");
        Run one = run("generate", "--checkpoint", runDir.toString(), "--prompt", "a small red circle", "--steps", "2",
                "--out", png.toString());
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(16);
        Run twice = run("generate", "--checkpoint", runDir.toString(), "--prompt", "a small red circle", "--steps",
                "2", "--out", png.toString());
        assertThat(twice.err()).contains("--out " + png).contains("already exists").contains("--force");
    }

    @Test
    void badValuesAndPathsFailBeforeAnyWorkNamingTheFlag() throws IOException {
        String ck = runDir.toString();
        assertThat(run("generate", "--checkpoint", ck, "--prompt", "x", "--cfg", "NaN", "--out", tmp.resolve("a.png")
                .toString()).err()).contains("--cfg").contains("finite");
        assertThat(run("generate", "--checkpoint", ck, "--prompt", "x", "--cfg", "-1", "--out", tmp.resolve("a.png")
                .toString()).err()).contains("--cfg");
        assertThat(run("generate", "--checkpoint", ck, "--prompt", "x", "--n", "0", "--out", tmp.resolve("a.png")
                .toString()).err()).contains("--n must be >= 1");
        assertThat(run("generate", "--checkpoint", ck, "--prompt", "x", "--steps", "0", "--out", tmp.resolve("a.png")
                .toString()).err()).contains("--steps");
        Path folder = Files.createDirectories(tmp.resolve("folder.png"));
        assertThat(run("generate", "--checkpoint", ck, "--prompt", "x", "--out", folder.toString()).err())
                .contains("--out " + folder).contains("is a folder");
        assertThat(run("caption", "--checkpoint", ck, "--max-tokens", "0", folder.toString()).err())
                .contains("--max-tokens must be >= 1, got 0");
        assertThat(tmp.resolve("a.png")).doesNotExist();
    }

    @Test
    void theKvLimitIsStatedAndRaisable() {
        String prompt = "a small red circle above a large blue square next to a green triangle";
        Run tooLong = run("generate", "--checkpoint", runDir.toString(), "--prompt", prompt, "--steps", "2", "--out",
                tmp.resolve("long.png").toString());
        assertThat(tooLong.code()).isNotZero();
        assertThat(tooLong.err()).contains("tokens").contains("at most 48").contains("--max-positions");
        Run raised = run("generate", "--checkpoint", runDir.toString(), "--prompt", prompt, "--steps", "2",
                "--max-positions", "128", "--out", tmp.resolve("long.png").toString());
        assertThat(raised.code()).as(raised.err()).isZero();
        assertThat(tmp.resolve("long.png")).exists();
    }

    @Test
    void captionAFolderConvertingOddImagesAndReportingBadOnes() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("to-caption"));
        BufferedImage rgba = new BufferedImage(40, 24, BufferedImage.TYPE_INT_ARGB);
        ImageIO.write(rgba, "png", dir.resolve("a-wide-rgba.png").toFile());
        BufferedImage grey16 = new BufferedImage(16, 16, BufferedImage.TYPE_USHORT_GRAY);
        ImageIO.write(grey16, "png", dir.resolve("b-grey16.png").toFile());
        Files.writeString(dir.resolve("c-broken.png"), "not an image");
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("d-plain.png").toFile());

        Run cap = run("caption", "--checkpoint", runDir.toString(), "--max-tokens", "4", dir.toString());
        assertThat(cap.code()).isEqualTo(1);
        assertThat(cap.err()).contains("a-wide-rgba.png: centre-cropped 40x24 to 24x24")
                .contains("alpha channel").contains("b-grey16.png").contains("16-bit").contains("grey to RGB")
                .contains("c-broken.png: not a PNG, JPEG, BMP or GIF image")
                .contains("1 of 4 images could not be captioned").doesNotContain("ImageInputStream");
        List<String> lines = Files.readAllLines(dir.resolve("captions.jsonl"));
        assertThat(lines).hasSize(3).noneMatch(l -> l.contains("c-broken"));
        assertThat(cap.out()).contains("d-plain.png\t");

        Run missing = run("caption", "--checkpoint", runDir.toString(), tmp.resolve("nope.png").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.png: no such file").doesNotContain("ImageInputStream");
    }

    @Test
    void nanWeightsAreAnErrorNotABlackImageOrNulCaption() throws IOException {
        Path broken = tmp.resolve("nan-checkpoint");
        Path source = new CheckpointStore(runDir).latest().orElseThrow();
        Files.createDirectories(broken);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, broken.resolve(f.getFileName()));
            }
        }
        Path model = broken.resolve(CheckpointStore.MODEL_FILE);
        SafeTensorsFile st = SafeTensors.read(model);
        Map<String, HostTensor> poisoned = new LinkedHashMap<>();
        st.tensors().forEach((name, t) -> {
            float[] v = t.floats().clone();
            Arrays.fill(v, Float.NaN);
            poisoned.put(name, HostTensor.floats(t.shape(), v));
        });
        Files.delete(model);
        SafeTensors.write(model, poisoned, st.metadata());
        Files.deleteIfExists(broken.resolve(CheckpointStore.EMA_FILE));

        Path png = tmp.resolve("nan.png");
        Run gen = run("generate", "--checkpoint", broken.toString(), "--prompt", "a small red circle", "--steps", "2",
                "--out", png.toString());
        assertThat(gen.code()).isNotZero();
        assertThat(gen.err()).contains("non-finite");
        assertThat(png).doesNotExist();

        Path img = tmp.resolve("plain.png");
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", img.toFile());
        Run cap = run("caption", "--checkpoint", broken.toString(), img.toString());
        assertThat(cap.code()).isNotZero();
        assertThat(cap.err()).contains("NaN");
        assertThat(cap.out()).doesNotContain("\u0000");
    }
}
