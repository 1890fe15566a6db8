package dev.transfusion.backend;

import java.util.Map;

/**
 * What one training step reports: the scalar outputs of the loss program (always {@code "loss"}), the global
 * gradient norm before clipping, and whether the update was skipped because the loss or a gradient was not finite.
 */
public record StepResult(Map<String, Double> metrics, double gradNorm, boolean skipped) {
    /** The total loss. */
    public double loss() {
        return metrics.get("loss");
    }
}
