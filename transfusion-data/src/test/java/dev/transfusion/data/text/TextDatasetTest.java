package dev.transfusion.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDatasetTest {
    @TempDir
    Path dir;

    private Dataset create(Map<String, Object> params) {
        return new TextDatasetFactory().create(ComponentSpec.of("data", "text", new HashMap<>(params)),
                PluginContext.of(1, dir));
    }

    @Test
    void chunksFilesInPathOrderAndHoldsOutTheTail() throws IOException {
        Files.createDirectories(dir.resolve("corpus/sub"));
        Files.writeString(dir.resolve("corpus/a.txt"), "abcdefghij"); // 10 chars -> 4 + 4 + 2
        Files.writeString(dir.resolve("corpus/sub/b.txt"), "0123");      // -> 4
        Files.writeString(dir.resolve("corpus/skip.md"), "not text");
        Files.writeString(dir.resolve("corpus/empty.txt"), "");
        Dataset d = create(Map.of("path", "corpus", "chunk_chars", 4, "held_out_fraction", 0.25));
        assertThat(d.size(Split.TRAIN)).isEqualTo(3);
        assertThat(d.size(Split.HELD_OUT)).isEqualTo(1);
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chunks.add(d.get(Split.TRAIN, i).caption());
        }
        assertThat(chunks).containsExactly("abcd", "efgh", "ij");
        Example last = d.get(Split.HELD_OUT, 0);
        assertThat(last.caption()).isEqualTo("0123");
        assertThat(last.image()).isNull();
        assertThat(last.labels()).containsEntry("file", Path.of("sub", "b.txt").toString()).containsEntry("offset", 0);
        assertThat(d.get(Split.TRAIN, 1).labels()).containsEntry("offset", 4);
        assertThat(d.imageSize()).isZero();
        assertThat(d.channels()).isZero();
    }

    @Test
    void neverSplitsASurrogatePairAndLosesNothing() throws IOException {
        String text = "a🚀b🚀🚀cé日本" + "x".repeat(20);
        Files.writeString(dir.resolve("one.txt"), text);
        Dataset d = create(Map.of("path", "one.txt", "chunk_chars", 2, "held_out_fraction", 0));
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < d.size(Split.TRAIN); i++) {
            String c = d.get(Split.TRAIN, i).caption();
            assertThat(Character.isHighSurrogate(c.charAt(c.length() - 1))).isFalse();
            assertThat(c.length()).isBetween(1, 2);
            all.append(c);
        }
        assertThat(all.toString()).isEqualTo(text);
        assertThat(d.size(Split.HELD_OUT)).isZero();
    }

    @Test
    void errorsNameTheFileAndProblem() throws IOException {
        Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', (byte) 0xC3});
        assertThatThrownBy(() -> create(Map.of("path", "bad.txt")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.path")
                .hasMessageContaining("bad.txt is not valid UTF-8");
        assertThatThrownBy(() -> create(Map.of("path", "missing")))
                .hasMessageContaining("no such file or directory: " + dir.resolve("missing"));
        Files.createDirectories(dir.resolve("emptydir"));
        assertThatThrownBy(() -> create(Map.of("path", "emptydir"))).hasMessageContaining("no non-empty .txt");
        assertThatThrownBy(() -> create(Map.of("path", "bad.txt", "chunk", 3)))
                .hasMessageContaining("data.chunk").hasMessageContaining("unknown key");
        Files.writeString(dir.resolve("ok.txt"), "hello");
        assertThatThrownBy(() -> create(Map.of("path", "ok.txt", "held_out_fraction", 1.5)))
                .hasMessageContaining("data.held_out_fraction");
    }
}
