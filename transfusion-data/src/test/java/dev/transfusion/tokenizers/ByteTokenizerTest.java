package dev.transfusion.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tokenizer.SpecialTokens;
import dev.transfusion.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteTokenizerTest {
    private final Tokenizer tok = new ByteTokenizerFactory()
            .create(ComponentSpec.of("tokenizer", "bytes", Map.of()), PluginContext.of(1, Path.of(".")));

    @Test
    void encodesUtf8Bytes() {
        assertThat(tok.encode("Aé")).containsExactly(0x41, 0xC3, 0xA9);
        assertThat(tok.encode("")).isEmpty();
    }

    @Test
    void roundTripsNonAsciiText() {
        for (String s : new String[] {"hello", "héllo wörld", "日本語のテキスト", "emoji 🚀🎨 mixed ß", "\u0000\n\t"}) {
            assertThat(tok.decode(tok.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void specialsFollowTheBytesAndAreSkippedOnDecode() {
        SpecialTokens sp = tok.specials();
        assertThat(tok.vocabSize()).isEqualTo(261);
        assertThat(new int[] {sp.bos(), sp.eos(), sp.pad(), sp.boi(), sp.eoi()}).containsExactly(256, 257, 258, 259, 260);
        assertThat(tok.isSpecial(255)).isFalse();
        assertThat(tok.isSpecial(256)).isTrue();
        assertThat(tok.isSpecial(260)).isTrue();
        assertThat(tok.decode(new int[] {sp.bos(), 0x68, sp.boi(), sp.eoi(), 0x69, sp.eos(), sp.pad()})).isEqualTo("hi");
        assertThat(tok.name()).isEqualTo("bytes");
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        assertThat(tok.decode(new int[] {0x61, 0xC3, 0x62})).isEqualTo("a\uFFFDb"); // truncated 2-byte sequence
        assertThat(tok.decode(new int[] {0xFF})).isEqualTo("\uFFFD");
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        assertThatThrownBy(() -> tok.decode(new int[] {261}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("261").hasMessageContaining("[0, 261)");
        assertThatThrownBy(() -> tok.decode(new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUnknownParams() {
        assertThatThrownBy(() -> new ByteTokenizerFactory().create(
                ComponentSpec.of("tokenizer", "bytes", Map.of("vocab", 300)), PluginContext.of(1, Path.of("."))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tokenizer.vocab")
                .hasMessageContaining("unknown key");
    }
}
