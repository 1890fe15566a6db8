package dev.transfusion.diffusion;

/**
 * A discrete DDPM noise schedule over integer timesteps {@code t ∈ [0, T]}: {@code t = 0} is the clean signal
 * ({@code ᾱ(0) = 1}) and {@code t = 1..T} are the trained noise levels, noisiest at {@code T}.
 */
public interface NoiseSchedule {
    /** The plugin name that made it, e.g. {@code cosine}. */
    String name();

    /** T, the number of trained noise levels (e.g. 1000). */
    int timesteps();

    /** The cumulative signal fraction ᾱ(t) for {@code t ∈ [0, T]}; 1 at t = 0, decreasing in t. */
    double alphaBar(int t);

    /** β(t) = 1 − ᾱ(t)/ᾱ(t−1) for {@code t ∈ [1, T]}; 0 at t = 0. */
    default double beta(int t) {
        checkTimestep(t);
        return t == 0 ? 0.0 : 1.0 - alphaBar(t) / alphaBar(t - 1);
    }

    /** Fails unless {@code 0 ≤ t ≤ T}, naming the schedule. */
    default void checkTimestep(int t) {
        if (t < 0 || t > timesteps()) {
            throw new IllegalArgumentException(
                    "timestep " + t + " is outside [0, " + timesteps() + "] of schedule '" + name() + "'");
        }
    }
}
