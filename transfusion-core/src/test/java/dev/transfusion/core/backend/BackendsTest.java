package dev.transfusion.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.backend.BackendFactory;
import dev.transfusion.core.config.BackendConfig;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.core.runtime.PluginKinds;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Backends are a plugin kind: chosen by config, then property, then environment, then rank. */
class BackendsTest {
    private static final Map<String, BackendFactory> FOUND = new TreeMap<>(Map.of("fast", fake("fast", 90, true),
            "slow", fake("slow", 10, true), "best", fake("best", 100, false)));

    @Test
    void theFirstSourceThatNamesABackendWins() {
        assertThat(Backends.select("slow", "fast", "best", FOUND).name()).isEqualTo("slow");
        assertThat(Backends.select(null, "slow", "fast", FOUND).name()).isEqualTo("slow");
        assertThat(Backends.select(" ", null, "slow", FOUND).name()).isEqualTo("slow");
    }

    @Test
    void withoutAChoiceTheAvailableBackendOfHighestRankWins() {
        assertThat(Backends.select(null, null, null, FOUND).name()).isEqualTo("fast");
    }

    @Test
    void unknownAndUnavailableNamesAreClearErrors() {
        assertThatThrownBy(() -> Backends.select(null, "jax", null, FOUND)).isInstanceOf(ConfigException.class)
                .hasMessage("unknown backend 'jax' (from -Dtransfusion.backend); known: [best, fast, slow]");
        assertThatThrownBy(() -> Backends.select("best", null, null, FOUND))
                .hasMessageContaining("backend 'best' (from config backend.type) is installed but its native library");
        assertThatThrownBy(() -> Backends.select(null, null, null, Map.of("best", FOUND.get("best"))))
                .hasMessageContaining("no usable backend");
    }

    @Test
    void theInstalledBackendsAreAPluginKind() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader(), PluginKinds.ALL);
        assertThat(registry.factories(PluginKinds.BACKEND)).containsKeys("djl", "tf");
        assertThat(registry.describe()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("backend");
            assertThat(c.name()).isEqualTo("djl");
        });
        assertThatThrownBy(() -> PluginRegistry.builder().add(PluginKinds.BACKEND, fake("x", 1, true))
                .add(PluginKinds.BACKEND, fake("x", 2, true)))
                .hasMessageStartingWith("two backend factories are named 'x': ");
    }

    @Test
    void createReadsDeviceAndThreadsFromTheConfigAndNamesAnAbsentDevice() {
        PluginRegistry registry = PluginRegistry.builder().add(PluginKinds.BACKEND, fake("fast", 1, true)).build();
        PluginContext context = PluginContext.of(0, Path.of("."));
        assertThatThrownBy(() -> Backends.create(registry, new BackendConfig("fast", "gpu:3", 2), context))
                .isInstanceOf(ConfigException.class).hasMessage("backend: fake fast has no gpu:3 (threads 2)");
    }

    private static BackendFactory fake(String name, int rank, boolean available) {
        return FakeBackendFactory.of(name, rank, available);
    }
}
