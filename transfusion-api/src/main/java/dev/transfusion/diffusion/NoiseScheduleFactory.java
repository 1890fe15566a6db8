package dev.transfusion.diffusion;

import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ContextKey;

/** Plugin kind for noise schedules ({@code diffusion.schedule: {type: cosine, timesteps: 1000}}). */
public interface NoiseScheduleFactory extends ComponentFactory<NoiseSchedule> {
    /** Where core places the experiment's schedule for objectives and samplers. */
    ContextKey<NoiseSchedule> SCHEDULE = ContextKey.of("diffusion.schedule", NoiseSchedule.class);
}
