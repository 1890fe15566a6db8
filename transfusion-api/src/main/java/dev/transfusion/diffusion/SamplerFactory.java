package dev.transfusion.diffusion;

import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import java.util.Objects;

/**
 * Plugin kind for samplers ({@code sampler: {type: ddpm, steps: 250, cfg: 3.0}}). A sampler is built over the
 * schedule and objective the model was trained with: core's context holds them under
 * {@link NoiseScheduleFactory#SCHEDULE} and {@link DiffusionObjectiveFactory#OBJECTIVE} when a sampler is created.
 */
public interface SamplerFactory extends ComponentFactory<Sampler> {
    /** The family of objectives this sampler needs. */
    Family family();

    /**
     * Fails unless {@code objective} is of family {@code needed}, e.g. {@code sampler.type 'ddpm' needs a DDPM
     * objective (epsilon, v, x0) but diffusion.objective.type is 'flow'}.
     */
    static void requireFamily(ComponentSpec samplerSpec, Family needed, DiffusionObjective objective) {
        Objects.requireNonNull(samplerSpec, "samplerSpec");
        Objects.requireNonNull(needed, "needed");
        Objects.requireNonNull(objective, "objective");
        if (objective.family() != needed) {
            throw new ConfigException(samplerSpec.path() + ".type '" + samplerSpec.type() + "' needs a " + needed
                    + " objective (" + needed.builtinObjectives() + ") but " + DiffusionObjectiveFactory.CONFIG_PATH
                    + ".type is '" + objective.name() + "'");
        }
    }
}
