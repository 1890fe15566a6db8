package dev.transfusion.core.train;

import java.nio.file.Path;

/** Observes training progress (progress bars, TensorBoard, tests). */
public interface TrainingListener {
    /** Called after every step with its record. */
    void onStep(StepRecord record);

    /** Called after the checkpoint of {@code step} completed steps was written to {@code directory}. */
    default void onCheckpoint(long step, Path directory) {
    }

    /** A listener that does nothing. */
    static TrainingListener none() {
        return r -> { };
    }
}
