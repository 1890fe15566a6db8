package dev.transfusion.core.train;

/** Observes training progress (progress bars, tests). */
public interface TrainingListener {
    /** Called after every step with its record. */
    void onStep(StepRecord record);

    /** A listener that does nothing. */
    static TrainingListener none() {
        return r -> { };
    }
}
