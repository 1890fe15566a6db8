package dev.transfusion.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.tokenizer.TokenizerFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TokenizerServicesTest {
    @Test
    void allTokenizersAreRegistered() {
        assertThat(ServiceLoader.load(TokenizerFactory.class).stream().map(p -> p.get().name()))
                .contains("bytes", "gpt2");
    }
}
