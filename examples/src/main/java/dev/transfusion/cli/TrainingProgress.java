package dev.transfusion.cli;

import dev.transfusion.train.StepRecord;
import dev.transfusion.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar showing loss, LM and diffusion loss, it/s and ETA. */
final class TrainingProgress implements TrainingListener, AutoCloseable {
    private final ProgressBar bar;
    private double smoothLoss = Double.NaN;

    TrainingProgress(long steps) {
        this.bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).showSpeed().build();
    }

    @Override
    public void onStep(StepRecord r) {
        smoothLoss = Double.isNaN(smoothLoss) ? r.loss() : 0.95 * smoothLoss + 0.05 * r.loss();
        bar.stepTo(r.step());
        bar.setExtraMessage(String.format(" loss %.3f (lm %.3f, diff %.3f)%s", smoothLoss, r.lmLoss(), r.diffusionLoss(),
                r.skippedTotal() > 0 ? " skipped " + r.skippedTotal() : ""));
    }

    @Override
    public void close() {
        bar.close();
    }
}
