package dev.transfusion.core.config;

import dev.transfusion.plugin.ComponentSpec;
import java.util.Map;

/**
 * {@code diffusion:} the noise schedule and objective components, the weight λ of the diffusion loss in
 * {@code L = L_LM + λ·L_diffusion}, noise limiting, and how training draws each image's step
 * ({@code timestep_sampling: {type: uniform | logit_normal, mean, std}}).
 */
public record DiffusionConfig(ComponentSpec schedule, ComponentSpec objective, double lossWeight,
        NoiseLimitConfig noiseLimit, ComponentSpec timestepSampling, InputBlurConfig inputBlur) {
    public DiffusionConfig {
        Checks.present("schedule", schedule);
        Checks.present("objective", objective);
        Checks.nonNegative("loss_weight", lossWeight);
        Checks.present("noise_limit", noiseLimit);
        Checks.present("timestep_sampling", timestepSampling);
        Checks.present("input_blur", inputBlur);
    }

    /** The paper's setting: cosine schedule over 1000 steps, ε-prediction, λ = 5, t uniform, no input blur. */
    public static DiffusionConfig defaults() {
        return new DiffusionConfig(ComponentSpec.of("diffusion.schedule", "cosine", Map.of("timesteps", 1000)),
                ComponentSpec.of("diffusion.objective", "epsilon", Map.of()), 5.0, NoiseLimitConfig.defaults(),
                ComponentSpec.of("diffusion.timestep_sampling", "uniform", Map.of()), InputBlurConfig.defaults());
    }
}
