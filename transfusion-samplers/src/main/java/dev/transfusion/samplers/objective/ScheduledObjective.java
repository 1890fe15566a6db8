package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.Coefficients;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;
import java.util.Objects;

/** Base of the built-in objectives: a name, a family and the schedule they noise with. */
abstract class ScheduledObjective implements DiffusionObjective {
    private final String name;
    private final Family family;
    private final NoiseSchedule schedule;

    ScheduledObjective(String name, Family family, NoiseSchedule schedule) {
        this.name = Objects.requireNonNull(name, "name");
        this.family = Objects.requireNonNull(family, "family");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Family family() {
        return family;
    }

    @Override
    public final int timesteps() {
        return schedule.timesteps();
    }

    /** The schedule this objective noises with. */
    final NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public final Coefficients coefficients(int t) {
        schedule.checkTimestep(t);
        return coefficientsAt(t);
    }

    /** The coefficients at a valid timestep {@code t ∈ [0, T]}. */
    abstract Coefficients coefficientsAt(int t);

    /** √ᾱ(t). */
    final double signal(int t) {
        return Math.sqrt(schedule.alphaBar(t));
    }

    /** √(1 − ᾱ(t)). */
    final double noise(int t) {
        return Math.sqrt(1.0 - schedule.alphaBar(t));
    }

    @Override
    public String toString() {
        return name + "(schedule=" + schedule.name() + ", T=" + timesteps() + ")";
    }
}
