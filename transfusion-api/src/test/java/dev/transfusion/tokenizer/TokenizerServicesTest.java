package dev.transfusion.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TokenizerServicesTest {
    @Test
    void allTokenizersAreRegistered() {
        assertThat(ServiceLoader.load(TokenizerFactory.class).stream().map(p -> p.get().name()))
                .contains("bytes", "gpt2", "hf");
    }
}
