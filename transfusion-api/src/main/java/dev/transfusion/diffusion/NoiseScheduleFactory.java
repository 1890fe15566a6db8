package dev.transfusion.diffusion;

import dev.transfusion.plugin.ComponentFactory;

/** Plugin kind for noise schedules ({@code diffusion.schedule: {type: cosine, timesteps: 1000}}). */
public interface NoiseScheduleFactory extends ComponentFactory<NoiseSchedule> {
}
