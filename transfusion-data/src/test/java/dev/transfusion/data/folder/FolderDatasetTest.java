package dev.transfusion.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeImages() throws IOException {
        Path imgs = Files.createDirectories(dir.resolve("imgs"));
        write(solid(8, 8, 0xFF0000), imgs.resolve("red.png"), "png");
        write(solid(8, 4, 0x00FF00), imgs.resolve("green.png"), "png"); // wide: centre-cropped
        write(solid(6, 6, 0x0000FF), imgs.resolve("blue.jpg"), "jpg");
        Files.writeString(imgs.resolve("broken.png"), "this is not a png");
        Files.writeString(imgs.resolve("captions.jsonl"), """
                {"file": "red.png", "caption": "a red square"}
                {"file": "green.png", "caption": "a green square"}

                {"file": "blue.jpg", "caption": "a blue square"}
                """);
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static void write(BufferedImage img, Path file, String format) throws IOException {
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
    }

    private FolderDataset create(Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(Map.of("dir", "imgs", "image_size", 4));
        p.putAll(params);
        return (FolderDataset) new FolderDatasetFactory().create(ComponentSpec.of("data", "folder", p),
                PluginContext.of(1, dir));
    }

    @Test
    void loadsResizesAndSplits() {
        FolderDataset d = create(Map.of("held_out", 1));
        assertThat(d.size(Split.TRAIN)).isEqualTo(2);
        assertThat(d.size(Split.HELD_OUT)).isEqualTo(1);
        assertThat(d.imageSize()).isEqualTo(4);
        assertThat(d.channels()).isEqualTo(3);
        Example red = d.get(Split.TRAIN, 0);
        assertThat(red.caption()).isEqualTo("a red square");
        assertThat(red.image().shape().intDims()).containsExactly(3, 4, 4);
        assertThat(red.image().floats()).containsExactly(channels(1, 0, 0));
        assertThat(d.get(Split.TRAIN, 1).image().floats()).containsExactly(channels(0, 1, 0));
        Example blue = d.get(Split.HELD_OUT, 0);
        assertThat(blue.caption()).isEqualTo("a blue square");
        assertThat(blue.labels()).containsEntry("file", "blue.jpg");
        float[] b = blue.image().floats();
        assertThat(b[2 * 16]).isGreaterThan(0.9f); // JPEG: blue, approximately
        assertThat(b[0]).isLessThan(0.1f);
        assertThat(d.skippedCount()).isZero();
    }

    @Test
    void unreadableImageFailsNamingTheFileOrIsSkippedAndCounted() throws IOException {
        Files.writeString(dir.resolve("imgs/captions.jsonl"), """
                {"file": "red.png", "caption": "a red square"}
                {"file": "broken.png", "caption": "broken"}
                {"file": "missing.png", "caption": "missing"}
                """);
        assertThatThrownBy(() -> create(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read image broken.png (captions.jsonl line 2)")
                .hasMessageContaining("on_error: skip");
        FolderDataset d = create(Map.of("on_error", "skip"));
        assertThat(d.skippedCount()).isEqualTo(2);
        assertThat(d.skippedFiles().get(0)).contains("broken.png");
        assertThat(d.skippedFiles().get(1)).contains("missing.png").contains("line 3");
        assertThat(d.size(Split.TRAIN)).isEqualTo(1);
    }

    @Test
    void badCaptionsLinesAndParamsAreReported() throws IOException {
        Files.writeString(dir.resolve("imgs/bad.jsonl"), "{\"file\": \"red.png\", \"caption\": \"ok\"}\n{oops\n");
        assertThatThrownBy(() -> create(Map.of("captions", "bad.jsonl")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.captions")
                .hasMessageContaining("bad.jsonl line 2: not valid JSON");
        Files.writeString(dir.resolve("imgs/nocap.jsonl"), "{\"file\": \"red.png\"}\n");
        assertThatThrownBy(() -> create(Map.of("captions", "nocap.jsonl")))
                .hasMessageContaining("nocap.jsonl line 1: expected {\"file\"");
        assertThatThrownBy(() -> create(Map.of("on_error", "ignore")))
                .hasMessageContaining("data.on_error").hasMessageContaining("'fail' or 'skip', got 'ignore'");
        assertThatThrownBy(() -> create(Map.of("dir", "nowhere")))
                .hasMessageContaining("data.dir").hasMessageContaining("not a directory: " + dir.resolve("nowhere"));
        assertThatThrownBy(() -> create(Map.of("captions", "none.jsonl")))
                .hasMessageContaining("captions file not found");
        assertThatThrownBy(() -> create(Map.of("held_out", 3))).hasMessageContaining("data.held_out");
        assertThatThrownBy(() -> create(Map.of("size", 3))).hasMessageContaining("unknown key");
    }

    private static float[] channels(float r, float g, float b) {
        float[] x = new float[3 * 16];
        java.util.Arrays.fill(x, 0, 16, r);
        java.util.Arrays.fill(x, 16, 32, g);
        java.util.Arrays.fill(x, 32, 48, b);
        return x;
    }
}
