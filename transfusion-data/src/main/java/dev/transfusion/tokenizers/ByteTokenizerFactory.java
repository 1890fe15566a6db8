package dev.transfusion.tokenizers;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tokenizer.Tokenizer;
import dev.transfusion.tokenizer.TokenizerFactory;
import java.util.Objects;

/** {@code tokenizer: {type: bytes}}: the default UTF-8 byte tokenizer; takes no params. */
public final class ByteTokenizerFactory implements TokenizerFactory {
    @Override
    public String name() {
        return "bytes";
    }

    @Override
    public Tokenizer create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec").requireOnly();
        return new ByteTokenizer();
    }

    @Override
    public String description() {
        return "UTF-8 bytes 0..255 plus BOS/EOS/PAD/BOI/EOI (vocabulary 261)";
    }
}
