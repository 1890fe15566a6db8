package dev.transfusion.samplers.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleFactoriesTest {
    private static final PluginContext CTX = PluginContext.of(1, Path.of("."));

    private static ComponentSpec spec(String type, Map<String, Object> params) {
        return ComponentSpec.of("diffusion.schedule", type, params);
    }

    @Test
    void defaultsAreThePapers() {
        NoiseSchedule cos = new CosineScheduleFactory().create(spec("cosine", Map.of()), CTX);
        assertThat(cos.name()).isEqualTo("cosine");
        assertThat(cos.timesteps()).isEqualTo(1000);
        assertThat(cos).isEqualTo(Schedules.cosine(1000, 0.008, 0.999));
        assertThat(new LinearScheduleFactory().create(spec("linear", Map.of()), CTX))
                .isEqualTo(Schedules.linear(1000, 1e-4, 0.02));
        assertThat(new ScaledLinearScheduleFactory().create(spec("scaled-linear", Map.of()), CTX))
                .isEqualTo(Schedules.scaledLinear(1000, 0.00085, 0.012));
    }

    @Test
    void paramsAreRead() {
        NoiseSchedule lin = new LinearScheduleFactory().create(
                spec("linear", Map.of("timesteps", 10, "beta_start", 0.001, "beta_end", 0.1)), CTX);
        assertThat(lin.timesteps()).isEqualTo(10);
        assertThat(lin.beta(1)).isCloseTo(0.001, within(1e-15));
        assertThat(lin.beta(10)).isCloseTo(0.1, within(1e-15));
        NoiseSchedule cos = new CosineScheduleFactory().create(
                spec("cosine", Map.of("timesteps", 20, "max_beta", 0.5)), CTX);
        assertThat(cos.timesteps()).isEqualTo(20);
        assertThat(cos.beta(20)).isEqualTo(0.5);
        NoiseSchedule shifted = new CosineScheduleFactory().create(spec("cosine", Map.of("shift", 2.0)), CTX);
        assertThat(shifted).isEqualTo(Schedules.cosine(1000, 0.008, 0.999, 2.0));
    }

    @Test
    void unknownKeyNamesPathAndKnownKeys() {
        assertThatThrownBy(() -> new CosineScheduleFactory().create(spec("cosine", Map.of("timestep", 10)), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessage("diffusion.schedule.timestep: unknown key for diffusion.schedule type 'cosine';"
                        + " known keys: [max_beta, s, shift, timesteps]");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> new LinearScheduleFactory().create(spec("linear", Map.of("beta_end", 1.5)), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessage("diffusion.schedule.beta_end: expected a beta strictly between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new ScaledLinearScheduleFactory().create(
                spec("scaled-linear", Map.of("timesteps", 0)), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("diffusion.schedule.timesteps: expected an integer in [1, 100000], got 0");
    }
}
