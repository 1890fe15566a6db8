package dev.transfusion.core.train;

/** Produces the batch of a given step, deterministically (so resuming replays the same data). */
@FunctionalInterface
public interface BatchSource {
    /** The batch for 0-based {@code step}. */
    TrainingBatch batch(long step);
}
