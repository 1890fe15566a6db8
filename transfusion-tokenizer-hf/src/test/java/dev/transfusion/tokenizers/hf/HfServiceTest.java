package dev.transfusion.tokenizers.hf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.tokenizer.TokenizerFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The module's jar registers the {@code hf} tokenizer for ServiceLoader. */
class HfServiceTest {
    @Test
    void hfTokenizerIsRegistered() {
        assertThat(ServiceLoader.load(TokenizerFactory.class).stream().map(p -> p.get().getClass().getName()))
                .contains(HfTokenizerFactory.class.getName());
    }
}
