package dev.transfusion.tokenizers.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tokenizer.SpecialTokens;
import dev.transfusion.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses src/test/resources/dev/transfusion/tokenizer/tiny-wordlevel.json: 14 words, [UNK]=0 and <pad>=1 special. */
class HfTokenizerTest {
    @TempDir
    static Path dir;

    private static PluginContext ctx;
    private static String nativeProblem;

    @BeforeAll
    static void copyTokenizer() throws IOException {
        try (InputStream in = HfTokenizerTest.class.getResourceAsStream("tiny-wordlevel.json")) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
        ctx = PluginContext.of(1, dir);
        try {
            create(Map.of());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ConfigException e) {
            nativeProblem = String.valueOf(e);
        }
    }

    private static Tokenizer create(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(extra);
        p.putIfAbsent("path", "tokenizer.json");
        return new HfTokenizerFactory().create(ComponentSpec.of("tokenizer", "hf", p), ctx);
    }

    private static void assumeNative() {
        assumeTrue(nativeProblem == null, () -> "DJL's native tokenizers library did not load here: " + nativeProblem);
    }

    @Test
    void encodesAndRoundTripsNonAsciiWords() {
        assumeNative();
        Tokenizer tok = create(Map.of());
        assertThat(tok.encode("a red café 日本 über")).containsExactly(2, 3, 7, 8, 9);
        assertThat(tok.decode(tok.encode("a red café 日本 über"))).isEqualTo("a red café 日本 über");
        assertThat(tok.name()).isEqualTo("hf:tokenizer.json");
    }

    @Test
    void appendsSpecialsTheFileLacksAndReusesItsPad() {
        assumeNative();
        Tokenizer tok = create(Map.of());
        // the file defines <pad> (id 1, special); BOS, EOS, BOI, EOI are appended after its 14 ids
        assertThat(tok.specials()).isEqualTo(new SpecialTokens(14, 15, 1, 16, 17));
        assertThat(tok.vocabSize()).isEqualTo(18);
        assertThat(tok.isSpecial(0)).isTrue(); // [UNK] is special in the file
        assertThat(tok.isSpecial(2)).isFalse();
        assertThat(tok.decode(new int[] {14, 2, 16, 17, 4, 1, 15})).isEqualTo("a circle");
    }

    @Test
    void paramsMapSpecialsToTokensOfTheFile() {
        assumeNative();
        Tokenizer tok = create(Map.of("eos", "of", "boi", "the"));
        assertThat(tok.specials()).isEqualTo(new SpecialTokens(14, 13, 1, 11, 15));
        assertThat(tok.vocabSize()).isEqualTo(16);
        assertThat(tok.decode(new int[] {2, 11, 4, 13})).isEqualTo("a circle");
    }

    @Test
    void errorsNameTheFileKeyOrToken() {
        assertThatThrownBy(() -> create(Map.of("path", "missing/tokenizer.json")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tokenizer.path")
                .hasMessageContaining(dir.resolve("missing/tokenizer.json").toString());
        assertThatThrownBy(() -> new HfTokenizerFactory().create(ComponentSpec.of("tokenizer", "hf", Map.of()), ctx))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokenizer.path: required");
        assertThatThrownBy(() -> create(Map.of("bos", "<s>")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokenizer.bos")
                .hasMessageContaining("'<s>' is not in");
        assertThatThrownBy(() -> create(Map.of("eos", "a", "bos", "a")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("same token id 2");
        assertThatThrownBy(() -> create(Map.of("lowercase", true)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokenizer.lowercase")
                .hasMessageContaining("unknown key");
    }

    @Test
    void unreadableFileIsAConfigErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"model\": {}}");
        assertThatThrownBy(() -> create(Map.of("path", "broken.json")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("broken.json")
                .hasMessageContaining("no model.vocab");
    }
}
