package dev.transfusion.cli.tensorboard;

import dev.transfusion.core.train.StepRecord;
import dev.transfusion.core.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Mirrors a training run into TensorBoard: every metric of {@code metrics.jsonl} as a scalar {@code train/<name>}
 * at the same steps ({@code train.log_every} and the last), and at each checkpoint the sample grid that
 * {@code samples} draws from it as the image {@code samples}. The run folder is the log dir:
 * {@code tensorboard --logdir runs/}.
 */
public final class TensorBoardListener implements TrainingListener, AutoCloseable {
    private final EventFileWriter events;
    private final int logEvery;
    private final long lastStep;
    private final Function<Path, BufferedImage> samples;

    /** Writes into {@code runDir}; {@code samples} may be null (no images) or return null (nothing to show). */
    public TensorBoardListener(Path runDir, int logEvery, long lastStep, Function<Path, BufferedImage> samples) {
        this.events = new EventFileWriter(runDir);
        this.logEvery = Math.max(1, logEvery);
        this.lastStep = lastStep;
        this.samples = samples;
    }

    /** The event file being written. */
    public Path file() {
        return events.file();
    }

    @Override
    public void onStep(StepRecord r) {
        if (r.step() % logEvery != 0 && r.step() != lastStep) {
            return;
        }
        for (Map.Entry<String, Object> e : r.toMap().entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals("step")) {
                continue;
            }
            if (v instanceof Number n) {
                events.scalar("train/" + e.getKey(), r.step(), n.doubleValue());
            } else if (v instanceof Boolean b) {
                events.scalar("train/" + e.getKey(), r.step(), b ? 1 : 0);
            }
        }
    }

    @Override
    public void onCheckpoint(long step, Path directory) {
        if (samples == null) {
            return;
        }
        BufferedImage grid = samples.apply(directory);
        if (grid != null) {
            events.image("samples", step, grid);
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
