package dev.transfusion.samplers.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.samplers.schedule.Schedules;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectiveFactoriesTest {
    private static final PluginContext CTX = PluginContext.of(1, Path.of("."));

    /** The context core gives an objective: the experiment's schedule. */
    private static PluginContext over(NoiseSchedule schedule) {
        return CTX.with(NoiseScheduleFactory.SCHEDULE, schedule);
    }

    @Test
    void eachFactoryBuildsItsObjectiveOverTheSchedule() {
        DiffusionObjective eps = new EpsilonObjectiveFactory().create(
                ComponentSpec.of("diffusion.objective", "epsilon", Map.of()), over(Schedules.linear(10, 1e-4, 0.02)));
        assertThat(eps).isInstanceOf(EpsilonObjective.class);
        assertThat(eps.timesteps()).isEqualTo(10);
        DiffusionObjective flow = new FlowObjectiveFactory().create(
                ComponentSpec.of("diffusion.objective", "flow", Map.of()), over(Schedules.cosine(100, 0.008, 0.999)));
        assertThat(flow).isInstanceOf(FlowObjective.class);
        assertThat(flow.timesteps()).isEqualTo(100);
        assertThat(new VObjectiveFactory().create(ComponentSpec.of("diffusion.objective", "v", Map.of()), over(Schedules.linear(10, 1e-4, 0.02)))).isInstanceOf(VObjective.class);
        assertThat(new X0ObjectiveFactory().create(ComponentSpec.of("diffusion.objective", "x0", Map.of()), over(Schedules.linear(10, 1e-4, 0.02)))).isInstanceOf(X0Objective.class);
    }

    @Test
    void anyParamIsAnUnknownKey() {
        // λ lives at diffusion.loss_weight, so a weight here is a mistake worth naming
        assertThatThrownBy(() -> new VObjectiveFactory().create(
                ComponentSpec.of("diffusion.objective", "v", Map.of("weight", 5.0)), over(Schedules.linear(10, 1e-4, 0.02))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("diffusion.objective.weight: unknown key for diffusion.objective type 'v'; known keys: "
                        + "[snr_cap, snr_floor]");
    }

    @Test
    void aContextWithoutAScheduleNamesTheMissingKey() {
        assertThatThrownBy(() -> new EpsilonObjectiveFactory().create(
                ComponentSpec.of("diffusion.objective", "epsilon", Map.of()), CTX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the plugin context provides no diffusion.schedule (NoiseSchedule); "
                        + "it provides no values");
    }

    @Test
    void snrParamsWeightEachTimestepAndLeaveTheObjectiveOtherwiseAlone() {
        var schedule = Schedules.cosine(1000, 0.008, 0.999);
        DiffusionObjective plain = new X0ObjectiveFactory().create(
                ComponentSpec.of("diffusion.objective", "x0", Map.of()), over(schedule));
        DiffusionObjective weighted = new X0ObjectiveFactory().create(ComponentSpec.of("diffusion.objective", "x0",
                Map.of("snr_floor", 1.0, "snr_cap", 5.0)), over(schedule));
        assertThat(plain.lossWeight(10)).isEqualTo(1.0);
        assertThat(weighted.name()).isEqualTo("x0");
        assertThat(weighted.family()).isEqualTo(plain.family());
        for (int t : new int[] {1, 100, 300, 500, 700, 999}) {
            double ab = schedule.alphaBar(t);
            double snr = ab / (1 - ab);
            assertThat(weighted.lossWeight(t)).isCloseTo(Math.min(5, Math.max(1, snr)), within(1e-9));
            assertThat(weighted.coefficients(t)).isEqualTo(plain.coefficients(t));
        }
        // min-SNR-5 on ε-prediction: min(SNR, 5) / SNR
        DiffusionObjective eps = new EpsilonObjectiveFactory().create(ComponentSpec.of("diffusion.objective",
                "epsilon", Map.of("snr_cap", 5.0)), over(schedule));
        double ab = schedule.alphaBar(50);
        assertThat(eps.lossWeight(50)).isCloseTo(5 / (ab / (1 - ab)), within(1e-9));
    }

    @Test
    void aFloorAboveTheCapNamesTheKey() {
        assertThatThrownBy(() -> new VObjectiveFactory().create(ComponentSpec.of("diffusion.objective", "v",
                Map.of("snr_floor", 6.0, "snr_cap", 5.0)), over(Schedules.linear(10, 1e-4, 0.02))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("diffusion.objective.snr_floor")
                .hasMessageContaining("snr_cap");
    }
}
