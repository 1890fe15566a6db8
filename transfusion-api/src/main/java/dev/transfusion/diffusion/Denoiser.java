package dev.transfusion.diffusion;

import dev.transfusion.tensor.HostTensor;

/**
 * The model as a sampler sees it: given the current noisy batch {@code (N, ...)} at integer timestep t, return
 * the raw model output (whatever the objective regresses) of the same shape. Guidance (CFG) is applied inside.
 */
@FunctionalInterface
public interface Denoiser {
    /** The model output for batch {@code xt (N, ...)} at timestep {@code t}; same shape as {@code xt}. */
    HostTensor predict(HostTensor xt, int t);
}
