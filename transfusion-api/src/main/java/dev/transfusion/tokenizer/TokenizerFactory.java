package dev.transfusion.tokenizer;

import dev.transfusion.plugin.ComponentFactory;

/**
 * A named tokenizer plugin ({@code tokenizer: {type: name, ...}}), listed in
 * {@code META-INF/services/dev.transfusion.tokenizer.TokenizerFactory}.
 */
public interface TokenizerFactory extends ComponentFactory<Tokenizer> {
}
