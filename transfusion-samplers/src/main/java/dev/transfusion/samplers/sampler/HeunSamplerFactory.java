package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.plugin.ComponentSpec;
import java.util.List;

/** {@code {type: heun, steps: 50, spacing: trailing, cfg: 3.0}}: Heun (second order) flow ODE sampler. */
public final class HeunSamplerFactory extends SamplerFactorySupport {
    @Override
    public String name() {
        return "heun";
    }

    @Override
    public String description() {
        return "Heun (second order) flow ODE sampler; params steps=50, spacing=trailing, cfg=3.0, cfg_from=0, cfg_to=1";
    }

    @Override
    public Family family() {
        return Family.FLOW;
    }

    @Override
    int defaultSteps() {
        return 50;
    }

    @Override
    List<String> extraKeys() {
        return List.of();
    }

    @Override
    Sampler build(ComponentSpec spec, NoiseSchedule schedule, DiffusionObjective objective, SamplerParams params) {
        return new HeunSampler(objective, params);
    }
}
