package dev.transfusion.diffusion;

import dev.transfusion.tensor.HostTensor;

/** Progress callback of a sampling loop, e.g. for progress bars or streaming intermediate images. */
@FunctionalInterface
public interface StepListener {
    /** A listener that ignores every step. */
    StepListener NONE = (stepIndex, total, t, x0Estimate) -> { };

    /** Called after step {@code stepIndex} of {@code total} at timestep {@code t} with the current x0 estimate. */
    void onStep(int stepIndex, int total, int t, HostTensor x0Estimate);
}
