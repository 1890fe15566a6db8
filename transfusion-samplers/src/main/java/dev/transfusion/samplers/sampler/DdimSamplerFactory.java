package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.plugin.ComponentSpec;
import java.util.List;

/** {@code {type: ddim, steps: 50, eta: 0.0, spacing: trailing, clip: 1.0, cfg: 3.0}}: DDIM. */
public final class DdimSamplerFactory extends SamplerFactorySupport {
    @Override
    public String name() {
        return "ddim";
    }

    @Override
    public String description() {
        return "DDIM; params steps=50, eta=0.0, spacing=trailing, clip=1.0, cfg=3.0, cfg_from=0, cfg_to=1";
    }

    @Override
    public Family family() {
        return Family.DDPM;
    }

    @Override
    int defaultSteps() {
        return 50;
    }

    @Override
    List<String> extraKeys() {
        return List.of("eta", "clip");
    }

    @Override
    Sampler build(ComponentSpec spec, NoiseSchedule schedule, DiffusionObjective objective, SamplerParams params) {
        double eta = spec.getDouble("eta", 0.0, 0.0, 1e3);
        return new DdimSampler(schedule, objective, params, eta, readClip(spec));
    }
}
