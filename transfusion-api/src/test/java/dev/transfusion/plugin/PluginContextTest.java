package dev.transfusion.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Typed values in a plugin context: found by key, listed, and a missing one named with what there is. */
class PluginContextTest {
    private static final ContextKey<Integer> WIDTH = ContextKey.of("model.dim", Integer.class);
    private static final ContextKey<String> LABEL = ContextKey.of("label", String.class);

    @Test
    void withAddsAValueAndLeavesTheOriginalAlone() {
        PluginContext base = PluginContext.of(7, Path.of("cfg"));
        PluginContext more = base.with(WIDTH, 64);
        assertThat(more.require(WIDTH)).isEqualTo(64);
        assertThat(more.find(ContextKey.of("model.dim", Integer.class))).contains(64);
        assertThat(more.keys()).containsExactly(WIDTH);
        assertThat(more.seed()).isEqualTo(7);
        assertThat(more.baseDir()).isEqualTo(Path.of("cfg"));
        assertThat(base.find(WIDTH)).isEmpty();
        assertThat(more.with(WIDTH, 32).require(WIDTH)).isEqualTo(32);
    }

    @Test
    void aMissingValueNamesTheKeyAndWhatTheContextHolds() {
        assertThatThrownBy(() -> PluginContext.of(1, Path.of(".")).with(WIDTH, 8).require(LABEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the plugin context provides no label (String); it provides [model.dim (Integer)]");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ContextKey<Object> raw = (ContextKey) WIDTH;
        assertThatThrownBy(() -> PluginContext.of(1, Path.of(".")).with(raw, "wide"))
                .isInstanceOf(ClassCastException.class);
    }
}
