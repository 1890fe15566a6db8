package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.plugin.ComponentSpec;
import java.util.List;

/** {@code {type: ddpm, steps: 250, spacing: trailing, clip: 1.0, cfg: 3.0}}: ancestral DDPM, respaced. */
public final class DdpmSamplerFactory extends SamplerFactorySupport {
    @Override
    public String name() {
        return "ddpm";
    }

    @Override
    public String description() {
        return "ancestral DDPM with respacing; params steps=250, spacing=trailing, clip=1.0, cfg=3.0, cfg_from=0, cfg_to=1";
    }

    @Override
    public Family family() {
        return Family.DDPM;
    }

    @Override
    int defaultSteps() {
        return 250;
    }

    @Override
    List<String> extraKeys() {
        return List.of("clip");
    }

    @Override
    Sampler build(ComponentSpec spec, NoiseSchedule schedule, DiffusionObjective objective, SamplerParams params) {
        return new DdpmSampler(schedule, objective, params, readClip(spec));
    }
}
