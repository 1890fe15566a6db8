package dev.transfusion.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {
    private static final int N = 10;
    private static final int R = 3;

    @TempDir
    Path dir;

    private PluginContext ctx;

    @BeforeEach
    void writeFiles() throws IOException {
        ctx = PluginContext.of(3, dir);
        Files.write(dir.resolve("images.idx"), images(N, R, R, 0x00000803));
        Files.write(dir.resolve("labels.idx"), labels(N, 0x00000801));
        Files.write(dir.resolve("images.idx.gz"), gzip(images(N, R, R, 0x00000803)));
        Files.write(dir.resolve("labels.idx.gz"), gzip(labels(N, 0x00000801)));
    }

    /** Image i has pixel p = (i * 9 + p) mod 256. */
    private static byte[] images(int count, int rows, int cols, int magic) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            b.put((byte) (i % 256));
        }
        return b.array();
    }

    /** Label i is i mod 3. */
    private static byte[] labels(int count, int magic) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(magic).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 3));
        }
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Dataset create(Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(Map.of("images", "images.idx", "labels", "labels.idx"));
        p.putAll(params);
        return new IdxDatasetFactory().create(ComponentSpec.of("data", "idx", p), ctx);
    }

    @Test
    void readsImagesLabelsAndCaptions() {
        Dataset d = create(Map.of("templates", List.of("digit {label}"), "label_names", List.of("zero", "one", "two"),
                "held_out", 2));
        assertThat(d.channels()).isEqualTo(1);
        assertThat(d.imageSize()).isEqualTo(R);
        assertThat(d.size(Split.TRAIN)).isEqualTo(8);
        assertThat(d.size(Split.HELD_OUT)).isEqualTo(2);
        Example e = d.get(Split.TRAIN, 4);
        assertThat(e.image().shape().intDims()).containsExactly(1, R, R);
        float[] want = new float[R * R];
        for (int p = 0; p < want.length; p++) {
            want[p] = (4 * R * R + p) / 255f;
        }
        assertThat(e.image().floats()).containsExactly(want);
        assertThat(e.caption()).isEqualTo("digit one"); // label 4 mod 3 = 1
        assertThat(e.labels()).containsEntry("label", 1).containsEntry("label_name", "one");
        Example last = d.get(Split.HELD_OUT, 1); // the last image of the file
        assertThat(last.labels()).containsEntry("index", 9).containsEntry("label", 0);
        assertThat(last.image().floats()[0]).isEqualTo(9 * R * R / 255f);
    }

    @Test
    void gzippedFilesReadTheSameAsRaw() {
        Dataset raw = create(Map.of());
        Dataset gz = create(Map.of("images", "images.idx.gz", "labels", "labels.idx.gz"));
        for (int i = 0; i < raw.size(Split.TRAIN); i++) {
            assertThat(gz.get(Split.TRAIN, i)).isEqualTo(raw.get(Split.TRAIN, i));
        }
        assertThat(raw.get(Split.TRAIN, 2).caption()).isEqualTo("2");
        assertThat(raw.size(Split.HELD_OUT)).isEqualTo(1); // default min(1000, 10 / 10)
    }

    @Test
    void templatesArePickedDeterministically() {
        Dataset d = create(Map.of("templates", List.of("a {label}", "the {label}", "number {label}")));
        long distinct = java.util.stream.LongStream.range(0, 9).mapToObj(i -> d.get(Split.TRAIN, i).caption()
                .split(" ")[0]).distinct().count();
        assertThat(distinct).isGreaterThan(1);
        assertThat(create(Map.of("templates", List.of("a {label}", "the {label}", "number {label}")))
                .get(Split.TRAIN, 5)).isEqualTo(d.get(Split.TRAIN, 5));
    }

    @Test
    void wrongMagicNamesTheFileAndBothNumbers() throws IOException {
        Files.write(dir.resolve("swapped.idx"), labels(N, 0x00000801));
        assertThatThrownBy(() -> create(Map.of("images", "swapped.idx")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("data.images")
                .hasMessageContaining(dir.resolve("swapped.idx").toString())
                .hasMessageContaining("expected magic 0x00000803, found 0x00000801 (that is a labels file)");
        Files.write(dir.resolve("junk.idx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> create(Map.of("labels", "junk.idx")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.labels")
                .hasMessageContaining("junk.idx").hasMessageContaining("found 0x01020304");
    }

    @Test
    void truncatedAndShortFilesAreReported() throws IOException {
        byte[] full = images(N, R, R, 0x00000803);
        Files.write(dir.resolve("cut.idx"), Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> create(Map.of("images", "cut.idx")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cut.idx")
                .hasMessageContaining("truncated: header says 10 images of 3x3 (106 bytes) but it has 101 bytes");
        Files.write(dir.resolve("cut.gz"), gzip(Arrays.copyOf(full, 40)));
        assertThatThrownBy(() -> create(Map.of("images", "cut.gz"))).hasMessageContaining("cut.gz")
                .hasMessageContaining("but it has 40 bytes");
        Files.write(dir.resolve("tiny.idx"), new byte[] {0, 0, 8});
        assertThatThrownBy(() -> create(Map.of("labels", "tiny.idx"))).hasMessageContaining("tiny.idx")
                .hasMessageContaining("3 bytes is too short for an IDX labels header");
        byte[] gz = gzip(full);
        Files.write(dir.resolve("corrupt.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> create(Map.of("images", "corrupt.gz"))).hasMessageContaining("corrupt.gz")
                .hasMessageContaining("corrupt gzip data");
    }

    @Test
    void countMismatchAndMissingFilesAreReported() throws IOException {
        Files.write(dir.resolve("few.idx"), labels(7, 0x00000801));
        assertThatThrownBy(() -> create(Map.of("labels", "few.idx")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.labels")
                .hasMessageContaining("few.idx has 7 labels but ").hasMessageContaining("images.idx has 10 images");
        assertThatThrownBy(() -> create(Map.of("images", "nope.idx")))
                .hasMessageContaining("images file not found: " + dir.resolve("nope.idx"));
        Files.write(dir.resolve("wide.idx"), images(N, 2, 3, 0x00000803));
        assertThatThrownBy(() -> create(Map.of("images", "wide.idx"))).hasMessageContaining("images are 2x3");
    }

    @Test
    void badParamsNameTheKey() {
        assertThatThrownBy(() -> create(Map.of("templates", List.of("no placeholder"))))
                .hasMessageContaining("data.templates").hasMessageContaining("'no placeholder' has no {label}");
        assertThatThrownBy(() -> create(Map.of("label_names", List.of("zero", "one"))))
                .hasMessageContaining("data.label_names").hasMessageContaining("has 2 names but")
                .hasMessageContaining("has label 2");
        assertThatThrownBy(() -> create(Map.of("held_out", 10)))
                .hasMessageContaining("data.held_out").hasMessageContaining("[0, 10)");
        assertThatThrownBy(() -> create(Map.of("label", "x")))
                .hasMessageContaining("data.label").hasMessageContaining("unknown key");
    }
}
