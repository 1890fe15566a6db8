package dev.transfusion.diffusion;

import java.util.Objects;

/**
 * The diffusion loss plugin: how a clean sample is noised at timestep t, what the model regresses (ε, v, x0 or
 * flow velocity), and how a model output is read back as (x0, ε). All arrays hold one or more samples that share
 * the same t; operations are element-wise. Timesteps are integers in {@code [0, T]} for every family (for flow
 * {@code σ = t/T}), so the model's timestep embedding is shared.
 */
public interface DiffusionObjective {
    /** The plugin name, e.g. {@code epsilon} or {@code flow}. */
    String name();

    /** DDPM or FLOW; decides which samplers fit. */
    Family family();

    /** T: training draws t from {@code 1..T}, sampling walks from T (or below) down to 0. */
    int timesteps();

    /** The linear form of x_t and of the regression target at timestep {@code t ∈ [0, T]}. */
    Coefficients coefficients(int t);

    /** Writes the noisy sample x_t for clean {@code x0} and noise {@code eps} into {@code out}. */
    default void noisy(float[] x0, float[] eps, int t, float[] out) {
        coefficients(t).noisy(Objects.requireNonNull(x0, "x0"), Objects.requireNonNull(eps, "eps"),
                Objects.requireNonNull(out, "out"));
    }

    /** Writes the regression target for {@code (x0, eps, t)} into {@code out}. */
    default void target(float[] x0, float[] eps, int t, float[] out) {
        coefficients(t).target(Objects.requireNonNull(x0, "x0"), Objects.requireNonNull(eps, "eps"),
                Objects.requireNonNull(out, "out"));
    }

    /** Reads a model output at {@code (xt, t)} as estimates of x0 and ε (exact inverse of {@link #target}). */
    default Prediction interpret(float[] modelOut, float[] xt, int t) {
        return coefficients(t).interpret(Objects.requireNonNull(modelOut, "modelOut"),
                Objects.requireNonNull(xt, "xt"));
    }

    /**
     * The weight of an image noised at {@code t ∈ [1, T]} in the diffusion loss (a weighted mean over the batch's
     * images); 1 unless the objective was configured with a weighting such as {@link SnrWeighting}.
     */
    default double lossWeight(int t) {
        return 1.0;
    }

    /** The value the model's timestep embedding receives for t: t itself, for every objective. */
    default double modelTime(int t) {
        return t;
    }
}
