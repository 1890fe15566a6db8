package dev.transfusion.samplers.sampler;

/** {@code {type: heun, steps: 50, spacing: trailing, cfg: 3.0}}: Heun (second order) flow ODE sampler. */
public final class HeunSamplerFactory extends FlowSamplerFactorySupport {
    /** The factory the plugin registry instantiates. */
    public HeunSamplerFactory() {
        super("heun", "Heun (second order) flow ODE sampler", HeunSampler::new);
    }
}
