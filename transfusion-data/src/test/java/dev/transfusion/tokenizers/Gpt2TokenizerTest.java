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

class Gpt2TokenizerTest {
    private final Tokenizer tok = new Gpt2TokenizerFactory()
            .create(ComponentSpec.of("tokenizer", "gpt2", Map.of()), PluginContext.of(1, Path.of(".")));

    @Test
    void matchesGpt2Ids() {
        // GPT-2's published ids: "Hello" = 15496, " world" = 995, "!" = 0
        assertThat(tok.encode("Hello world!")).containsExactly(15496, 995, 0);
    }

    @Test
    void roundTripsNonAsciiText() {
        for (String s : new String[] {"a red circle", "héllo wörld", "日本語のテキスト", "emoji 🚀 ok", "  spaces\n"}) {
            assertThat(tok.decode(tok.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void specialsAreAppendedAfterTheVocabulary() {
        assertThat(tok.vocabSize()).isEqualTo(50_262);
        assertThat(tok.specials()).isEqualTo(new SpecialTokens(50_257, 50_258, 50_259, 50_260, 50_261));
        assertThat(tok.isSpecial(Gpt2Tokenizer.END_OF_TEXT)).isTrue();
        assertThat(tok.isSpecial(995)).isFalse();
        int[] ids = {tok.specials().bos(), 15496, tok.specials().boi(), tok.specials().eoi(), 995, Gpt2Tokenizer.END_OF_TEXT};
        assertThat(tok.decode(ids)).isEqualTo("Hello world");
    }

    @Test
    void neverEmitsSpecialsFromText() {
        int[] ids = tok.encode("<|endoftext|>");
        assertThat(ids).doesNotContain(Gpt2Tokenizer.END_OF_TEXT).isNotEmpty();
        assertThat(tok.decode(ids)).isEqualTo("<|endoftext|>");
    }

    @Test
    void rejectsUnknownParamsAndIds() {
        assertThatThrownBy(() -> new Gpt2TokenizerFactory().create(
                ComponentSpec.of("tokenizer", "gpt2", Map.of("encoding", "cl100k")), PluginContext.of(1, Path.of("."))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tokenizer.encoding");
        assertThatThrownBy(() -> tok.decode(new int[] {50_262})).hasMessageContaining("[0, 50262)");
    }
}
