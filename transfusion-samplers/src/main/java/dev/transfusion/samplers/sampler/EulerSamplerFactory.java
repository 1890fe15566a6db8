package dev.transfusion.samplers.sampler;

/** {@code {type: euler, steps: 50, spacing: trailing, cfg: 3.0}}: Euler flow ODE sampler. */
public final class EulerSamplerFactory extends FlowSamplerFactorySupport {
    /** The factory the plugin registry instantiates. */
    public EulerSamplerFactory() {
        super("euler", "Euler flow ODE sampler", EulerSampler::new);
    }
}
