package dev.transfusion.diffusion;

/**
 * The two kinds of diffusion a model can be trained with; a sampler only works with objectives of its own family.
 */
public enum Family {
    /** Discrete-time DDPM over a {@link NoiseSchedule}: {@code x_t = √ᾱ_t·x0 + √(1−ᾱ_t)·ε}. */
    DDPM("epsilon, v, x0"),
    /** Rectified flow / flow matching: {@code x_t = (1−σ)·x0 + σ·ε} with {@code σ = t/T}. */
    FLOW("flow");

    private final String builtinObjectives;

    Family(String builtinObjectives) {
        this.builtinObjectives = builtinObjectives;
    }

    /** The built-in objective names of this family, for error messages (e.g. {@code epsilon, v, x0}). */
    public String builtinObjectives() {
        return builtinObjectives;
    }
}
