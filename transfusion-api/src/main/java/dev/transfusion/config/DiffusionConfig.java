package dev.transfusion.config;

import dev.transfusion.plugin.ComponentSpec;
import java.util.Map;

/**
 * {@code diffusion:} the noise schedule and objective components, the weight λ of the diffusion loss in
 * {@code L = L_LM + λ·L_diffusion}, and noise limiting.
 */
public record DiffusionConfig(ComponentSpec schedule, ComponentSpec objective, double lossWeight,
        NoiseLimitConfig noiseLimit) {
    public DiffusionConfig {
        Checks.present("schedule", schedule);
        Checks.present("objective", objective);
        Checks.nonNegative("loss_weight", lossWeight);
        Checks.present("noise_limit", noiseLimit);
    }

    /** The paper's setting: cosine schedule over 1000 steps, ε-prediction, λ = 5. */
    public static DiffusionConfig defaults() {
        return new DiffusionConfig(ComponentSpec.of("diffusion.schedule", "cosine", Map.of("timesteps", 1000)),
                ComponentSpec.of("diffusion.objective", "epsilon", Map.of()), 5.0, NoiseLimitConfig.defaults());
    }
}
