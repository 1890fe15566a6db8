package dev.transfusion.diffusion;

import dev.transfusion.tensor.HostTensor;
import java.util.Objects;

/** Result of one sampler step (diffusers' {@code prev_sample}, {@code pred_original_sample}). */
public record StepOutput(HostTensor prevSample, HostTensor predOriginal) {
    /** Checks both tensors are present. */
    public StepOutput {
        Objects.requireNonNull(prevSample, "prevSample");
        Objects.requireNonNull(predOriginal, "predOriginal");
    }
}
