package dev.transfusion.core.config;

import dev.transfusion.plugin.ComponentSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One experiment, as read from its YAML file ({@link ConfigLoader}) and written next to its outputs
 * ({@link ConfigWriter}). Every section is required here; the loader fills absent ones with {@link #defaults()}.
 */
public record ExperimentConfig(long seed, BackendConfig backend, ModelConfig model, ComponentSpec tokenizer,
        ImageConfig image, ComponentSpec attention, DiffusionConfig diffusion, ComponentSpec sampler, DataConfig data,
        TrainConfig train) {
    public ExperimentConfig {
        Checks.present("backend", backend);
        Checks.present("model", model);
        Checks.present("tokenizer", tokenizer);
        Checks.present("image", image);
        Checks.present("attention", attention);
        Checks.present("diffusion", diffusion);
        Checks.present("sampler", sampler);
        Checks.present("data", data);
        Checks.present("train", train);
    }

    /** The complete default config (what an empty file means). */
    public static ExperimentConfig defaults() {
        return new ExperimentConfig(1234, BackendConfig.defaults(), ModelConfig.defaults(),
                ComponentSpec.of("tokenizer", "bytes", Map.of()), ImageConfig.defaults(),
                ComponentSpec.of("attention", "transfusion", Map.of()), DiffusionConfig.defaults(),
                ComponentSpec.of("sampler", "ddpm", samplerParams()), DataConfig.defaults(),
                TrainConfig.defaults());
    }

    private static Map<String, Object> samplerParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("steps", 250);
        p.put("cfg", 3.0);
        return p;
    }
}
