package dev.transfusion.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.MapBinder;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.PluginKinds;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.samplers.objective.EpsilonObjective;
import dev.transfusion.samplers.schedule.CosineScheduleFactory;
import dev.transfusion.samplers.schedule.Schedules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plugin host: Guice modules plugin jars contribute are installed, and their bindings used. */
class PluginsTest {
    private static final String CONFIG = """
            seed: 3
            backend: { type: djl }
            model: { dim: 32, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 2, batch: 2, seq_len: 48 }
            """;

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void contributedModulesAreFoundByServiceLoader() {
        assertThat(Plugins.contributedModules(loader)).hasAtLeastOneElementOfType(ContributedScheduleModule.class);
    }

    @Test
    void aFactoryBoundByAContributedModuleIsListedNextToTheServices() {
        assertThat(PluginRegistry.discover(loader, PluginKinds.ALL).factories(PluginKinds.NOISE_SCHEDULE))
                .doesNotContainKey("contributed");
        PluginRegistry all = Plugins.registry(loader, PluginKinds.ALL);
        assertThat(all.factories(PluginKinds.NOISE_SCHEDULE)).containsKeys("contributed", "cosine", "linear");
        assertThat(all.describe()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("noise schedule");
            assertThat(c.name()).isEqualTo("contributed");
        });
    }

    @Test
    void aConfigSelectsTheContributedFactoryWhichGuiceCreatedWithTheModulesBinding() {
        var config = ConfigLoader.parse(CONFIG, "contributed.yaml",
                List.of("diffusion.schedule.type=contributed", "diffusion.schedule.timesteps=200", "sampler.steps=50"));
        var bound = new EpsilonObjective(Schedules.linear(200, 1e-4, ContributedScheduleModule.BETA_END));
        var builtIn = new EpsilonObjective(Schedules.linear(200, 1e-4, 0.02));
        try (Experiment e = Experiment.forInference(config, Path.of("."))) {
            assertThat(e.objective().timesteps()).isEqualTo(200);
            assertThat(e.objective().coefficients(150)).isEqualTo(bound.coefficients(150))
                    .isNotEqualTo(builtIn.coefficients(150));
        }
    }

    @Test
    void aModuleBindingAnInstalledNameFailsNamingBothClasses() {
        PluginRegistry services = PluginRegistry.discover(loader, List.of(PluginKinds.NOISE_SCHEDULE));
        Injector injector = Guice.createInjector(new PluginModule(services), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, NoiseScheduleFactory.class).addBinding("cosine")
                        .toInstance(new AnotherCosine());
            }
        });
        assertThatThrownBy(() -> Plugins.instance(injector, PluginRegistry.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two noise schedule factories are named 'cosine'")
                .hasMessageContaining(CosineScheduleFactory.class.getName());
    }

    /** A second factory that claims an installed name. */
    static final class AnotherCosine implements NoiseScheduleFactory {
        @Override
        public String name() {
            return "cosine";
        }

        @Override
        public NoiseSchedule create(ComponentSpec spec, PluginContext context) {
            return Schedules.linear(10, 1e-4, 0.02);
        }
    }

    @Test
    void creationErrorsComeOutAsThePluginsOwnException() {
        var config = ConfigLoader.parse(CONFIG, "bad.yaml", List.of("diffusion.schedule.type=nope"));
        assertThatThrownBy(() -> Experiment.forInference(config, Path.of(".")))
                .isExactlyInstanceOf(ConfigException.class)
                .hasMessageStartingWith("diffusion.schedule.type: unknown noise schedule 'nope'; known: [");
    }
}
