package dev.transfusion.cli.bench;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.train.TrainingBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tokens per second of the compiled train step (forward, backward, clipping, AdamW) on real batches from
 * {@link Experiment#batches()}, built before timing so only the step is measured. Tokens are the positions
 * processed ({@code batch × seq_len}); model FLOPs use {@link ModelFlops}, and MFU divides the achieved rate by the
 * backend's measured matmul peak.
 */
final class TrainThroughput {
    /**
     * What was measured: warm-up and timed steps, positions per step and the share of them holding real tokens or
     * patches, the median step time, tokens/s, achieved model GFLOP/s, MFU, and the first and last timed losses.
     */
    record Result(int warmupSteps, int steps, int tokensPerStep, double realTokenFraction, double medianStepSeconds,
                  double tokensPerSecond, double modelGflops, double mfu, double firstLoss, double lastLoss) {
    }

    private TrainThroughput() {
    }

    /** Runs {@code warmup} untimed and {@code steps} timed train steps on fresh parameters of {@code experiment}. */
    static Result measure(Experiment experiment, ModelFlops flops, double peakGflops, int warmup, int steps) {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(flops, "flops");
        var t = experiment.config().train();
        int positions = t.batch() * t.seqLen();
        List<TrainingBatch> batches = new ArrayList<>();
        var source = experiment.batches();
        long real = 0;
        for (int i = 0; i < warmup + steps; i++) {
            TrainingBatch b = source.batch(i);
            batches.add(b);
            real += b.tokens();
        }
        double lr = t.lr();
        try (ParameterStore params = experiment.initParameters(); TrainStep step = experiment.compileTrainStep(params)) {
            for (int i = 0; i < warmup; i++) {
                check(step.run(batches.get(i).inputs(), lr), i);
            }
            double[] seconds = new double[steps];
            double first = Double.NaN;
            double last = Double.NaN;
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                StepResult r = step.run(batches.get(warmup + i).inputs(), lr);
                seconds[i] = Timing.since(start);
                check(r, warmup + i);
                if (i == 0) {
                    first = r.loss();
                }
                last = r.loss();
            }
            double median = Timing.median(seconds);
            double tokensPerSecond = positions / median;
            double gflops = tokensPerSecond * flops.flopsPerToken() / 1e9;
            double fraction = (double) real / ((long) positions * (warmup + steps));
            return new Result(warmup, steps, positions, fraction, median, tokensPerSecond, gflops, gflops / peakGflops,
                    first, last);
        }
    }

    private static void check(StepResult r, int step) {
        if (r.skipped() || !Double.isFinite(r.loss())) {
            throw new IllegalStateException("bench train step " + step + " was skipped: loss " + r.loss()
                    + ", gradient norm " + r.gradNorm());
        }
    }
}
