package dev.transfusion.tokenizers;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tokenizer.Tokenizer;
import dev.transfusion.tokenizer.TokenizerFactory;
import java.util.Objects;

/** {@code tokenizer: {type: gpt2}}: GPT-2 byte-level BPE (r50k_base) plus our five specials; takes no params. */
public final class Gpt2TokenizerFactory implements TokenizerFactory {
    @Override
    public String name() {
        return "gpt2";
    }

    @Override
    public Tokenizer create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec").requireOnly();
        return new Gpt2Tokenizer();
    }

    @Override
    public String description() {
        return "GPT-2 BPE (r50k_base via jtokkit, offline) plus BOS/EOS/PAD/BOI/EOI (vocabulary 50262)";
    }
}
