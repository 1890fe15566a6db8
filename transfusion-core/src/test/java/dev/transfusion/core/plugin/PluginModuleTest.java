package dev.transfusion.core.plugin;

import static dev.transfusion.core.plugin.TestPlugins.COUNTER;
import static dev.transfusion.core.plugin.TestPlugins.GREETER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.transfusion.plugin.PluginKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guice MapBinder wiring of discovered factories. */
class PluginModuleTest {
    /** A consumer that injects the factories of one kind by name. */
    static final class Uses {
        final Map<String, TestPlugins.GreeterFactory> greeters;
        final Map<String, TestPlugins.CounterFactory> counters;
        final PluginRegistry registry;

        @Inject
        Uses(Map<String, TestPlugins.GreeterFactory> greeters, Map<String, TestPlugins.CounterFactory> counters,
                PluginRegistry registry) {
            this.greeters = greeters;
            this.counters = counters;
            this.registry = registry;
        }
    }

    @Test
    void injectsEachKindsFactoriesByNameAndTheRegistry() {
        PluginModule module = new PluginModule(getClass().getClassLoader(), List.of(GREETER, COUNTER));
        Injector injector = Guice.createInjector(module);
        Uses uses = injector.getInstance(Uses.class);
        assertThat(uses.greeters).containsOnlyKeys("hello", "hi");
        assertThat(uses.greeters.get("hi")).isSameAs(module.registry().factories(GREETER).get("hi"));
        assertThat(uses.counters).containsOnlyKeys("seeded");
        assertThat(uses.registry).isSameAs(module.registry());
        Map<String, TestPlugins.GreeterFactory> direct =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, TestPlugins.GreeterFactory>>() { }));
        assertThat(direct).isEqualTo(uses.greeters);
    }

    @Test
    void aKindWithNoFactoriesIsAnEmptyMap() {
        PluginKind<TestPlugins.EmptyFactory> empty = PluginKind.of("widget", TestPlugins.EmptyFactory.class, "w");
        Injector injector = Guice.createInjector(new PluginModule(PluginRegistry.builder().kind(empty).build()));
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, TestPlugins.EmptyFactory>>() { })))
                .isEmpty();
    }
}
