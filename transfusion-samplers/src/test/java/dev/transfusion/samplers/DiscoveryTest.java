package dev.transfusion.samplers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.diffusion.DiffusionObjectiveFactory;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.diffusion.SamplerFactory;
import dev.transfusion.plugin.ComponentFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds every built-in factory under its config name. */
class DiscoveryTest {
    private static <F extends ComponentFactory<?>> List<String> names(Class<F> kind) {
        return ServiceLoader.load(kind).stream().map(p -> p.get().name()).sorted().toList();
    }

    @Test
    void schedules() {
        assertThat(names(NoiseScheduleFactory.class)).containsExactly("cosine", "linear", "scaled-linear");
    }

    @Test
    void objectives() {
        assertThat(names(DiffusionObjectiveFactory.class)).containsExactly("epsilon", "flow", "v", "x0");
    }

    @Test
    void samplersWithTheirFamilies() {
        Map<String, Family> families = ServiceLoader.load(SamplerFactory.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toMap(SamplerFactory::name, SamplerFactory::family));
        assertThat(families).containsExactlyInAnyOrderEntriesOf(Map.of("ddpm", Family.DDPM, "ddim", Family.DDPM,
                "euler", Family.FLOW, "heun", Family.FLOW));
    }

    @Test
    void everyFactoryDescribesItself() {
        for (Class<? extends ComponentFactory<?>> kind : List.<Class<? extends ComponentFactory<?>>>of(
                NoiseScheduleFactory.class, DiffusionObjectiveFactory.class, SamplerFactory.class)) {
            ServiceLoader.load(kind).forEach(f -> assertThat(f.description()).as(f.name()).isNotBlank()
                    .doesNotStartWith("dev.transfusion").contains("param"));
        }
    }
}
