package dev.transfusion.backend;

import dev.transfusion.tensor.HostTensor;
import java.util.Map;

/**
 * Forward + loss + gradients + clipping + AdamW update as one compiled program. A step whose loss or gradient
 * is not finite leaves parameters and optimizer state untouched and reports {@code skipped}.
 */
public interface TrainStep extends AutoCloseable {
    /** Runs one step on a batch with the given learning rate. */
    StepResult run(Map<String, HostTensor> batch, double learningRate);

    /** Number of updates applied so far (AdamW's bias-correction counter). */
    long updates();

    /**
     * The optimizer state as Java values: {@code "m.<param>"}, {@code "v.<param>"} and the scalar
     * {@code "updates"}.
     */
    Map<String, HostTensor> optimizerState();

    /** Restores state produced by {@link #optimizerState()}. */
    void loadOptimizerState(Map<String, HostTensor> state);

    @Override
    void close();
}
