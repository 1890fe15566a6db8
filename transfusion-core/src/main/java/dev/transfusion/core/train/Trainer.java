package dev.transfusion.core.train;

import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.model.LossKeys;
import java.util.Objects;
import java.util.function.LongToDoubleFunction;

/**
 * The training loop of every model (the Transfusion model, the VAE): one compiled step per batch, the learning-rate
 * schedule, logging, periodic checkpoints, and the non-finite guard (a skipped step is counted; too many in a row
 * stop training, keeping the last good checkpoint).
 */
public final class Trainer {
    /** Loop settings: {@code lr} maps a 0-based step to its learning rate. */
    public record Options(long steps, LongToDoubleFunction lr, int logEvery, int checkpointEvery, int maxNonfinite) {
    }

    /** Saves a checkpoint after {@code step} steps have completed. */
    @FunctionalInterface
    public interface CheckpointHook {
        /** Writes the checkpoint (atomically). */
        void save(long completedSteps);
    }

    private final TrainStep step;
    private final BatchSource batches;
    private final Options options;
    private final MetricsLog log;
    private final CheckpointHook checkpoints;

    /** A loop over {@code batches} with the compiled {@code step}; {@code log} and {@code checkpoints} may be null. */
    public Trainer(TrainStep step, BatchSource batches, Options options, MetricsLog log, CheckpointHook checkpoints) {
        this.step = Objects.requireNonNull(step, "step");
        this.batches = Objects.requireNonNull(batches, "batches");
        this.options = Objects.requireNonNull(options, "options");
        this.log = log;
        this.checkpoints = checkpoints;
    }

    /** Runs from {@code startStep} (0, or the step of a resumed checkpoint) to {@code options.steps()}. */
    public void run(long startStep, TrainingListener listener) {
        long skippedTotal = 0;
        long droppedTotal = 0;
        int skippedInARow = 0;
        for (long s = startStep; s < options.steps(); s++) {
            TrainingBatch batch = batches.batch(s);
            droppedTotal += batch.droppedDocuments();
            double lr = options.lr().applyAsDouble(s);
            long t0 = System.nanoTime();
            StepResult r = step.run(batch.inputs(), lr);
            double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
            if (r.skipped()) {
                skippedTotal++;
                skippedInARow++;
                if (skippedInARow > options.maxNonfinite()) {
                    throw new TrainingDivergedException("training stopped at step " + s + ": " + skippedInARow
                            + " steps in a row had a non-finite loss or gradient (train.max_nonfinite = "
                            + options.maxNonfinite() + "); the last checkpoint is intact. Try a lower train.lr.");
                }
            } else {
                skippedInARow = 0;
            }
            StepRecord rec = new StepRecord(s + 1, r.loss(), r.metrics().getOrDefault(LossKeys.LM_LOSS, Double.NaN),
                    r.metrics().getOrDefault(LossKeys.DIFFUSION_LOSS, Double.NaN), lr, r.gradNorm(),
                    batch.tokens() / seconds, r.skipped(), skippedTotal, droppedTotal, r.metrics());
            if (log != null && ((s + 1) % options.logEvery() == 0 || s + 1 == options.steps())) {
                log.write(rec.toMap());
            }
            listener.onStep(rec);
            boolean last = s + 1 == options.steps();
            if (checkpoints != null && !r.skipped() && (last || (options.checkpointEvery() > 0
                    && (s + 1) % options.checkpointEvery() == 0))) {
                checkpoints.save(s + 1);
            }
        }
    }
}
