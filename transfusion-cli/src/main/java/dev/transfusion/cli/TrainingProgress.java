package dev.transfusion.cli;

import dev.transfusion.core.train.StepRecord;
import dev.transfusion.core.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar showing the smoothed loss, its parts (LM and diffusion for a Transfusion run), it/s and ETA. */
final class TrainingProgress implements TrainingListener, AutoCloseable {
    private final ProgressBar bar;
    private double smoothLoss = Double.NaN;

    TrainingProgress(long steps) {
        this.bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).showSpeed().build();
    }

    @Override
    public void onStep(StepRecord r) {
        onStep(r.step(), r.loss(), String.format("lm %.3f, diff %.3f", r.lmLoss(), r.diffusionLoss()), r.skippedTotal());
        if (r.droppedTotal() > 0) {
            // documents whose image cannot fit next to its text in one row never train: say so while it runs
            bar.setExtraMessage(bar.getExtraMessage() + " | " + r.droppedTotal()
                    + " docs too long for train.seq_len dropped");
        }
    }

    /** One finished step of any trainer: {@code parts} names the loss terms, e.g. {@code "rec 0.004, kl 12.1"}. */
    void onStep(long step, double loss, String parts, long skippedTotal) {
        smoothLoss = Double.isNaN(smoothLoss) ? loss : 0.95 * smoothLoss + 0.05 * loss;
        bar.stepTo(step);
        bar.setExtraMessage(String.format(" loss %.3f (%s)%s", smoothLoss, parts,
                skippedTotal > 0 ? " skipped " + skippedTotal : ""));
    }

    @Override
    public void close() {
        bar.close();
    }
}
