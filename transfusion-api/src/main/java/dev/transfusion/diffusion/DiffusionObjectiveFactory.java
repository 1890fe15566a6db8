package dev.transfusion.diffusion;

import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ContextKey;

/**
 * Plugin kind for diffusion objectives ({@code diffusion.objective: {type: epsilon}}; the loss weight λ is
 * {@code diffusion.loss_weight}, not an objective param). An objective is built over the experiment's schedule,
 * which core's context holds under {@link NoiseScheduleFactory#SCHEDULE} when the objective is created.
 */
public interface DiffusionObjectiveFactory extends ComponentFactory<DiffusionObjective> {
    /** The config path objectives live at, used in messages that refer to the objective from elsewhere. */
    String CONFIG_PATH = "diffusion.objective";
    /** Where core places the experiment's objective for samplers. */
    ContextKey<DiffusionObjective> OBJECTIVE = ContextKey.of(CONFIG_PATH, DiffusionObjective.class);
}
