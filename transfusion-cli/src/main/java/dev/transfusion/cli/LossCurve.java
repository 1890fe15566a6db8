package dev.transfusion.cli;

import dev.transfusion.core.train.MetricsLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Draws total, LM and diffusion loss (raw and smoothed) from a run's metrics.jsonl into a PNG. */
final class LossCurve {
    private LossCurve() {
    }

    /** Draws {@code metrics} into {@code png}; a torn last line of the log is skipped with a warning. */
    static void write(Path metrics, Path png) {
        List<double[]> total = new ArrayList<>();
        List<double[]> lm = new ArrayList<>();
        List<double[]> diff = new ArrayList<>();
        for (Map<String, Object> n : MetricsLog.read(metrics, w -> System.err.println("warning: " + w))) {
            double s = number(n, "step");
            total.add(new double[] {s, number(n, "loss")});
            lm.add(new double[] {s, number(n, "lm_loss")});
            diff.add(new double[] {s, number(n, "diffusion_loss")});
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("total", total);
        series.put("lm", lm);
        series.put("diffusion", diff);
        Charts.lines("training loss", "step", "loss", series, true, png);
    }

    /** The record's number at {@code key}, NaN when absent (older logs lack the split losses). */
    private static double number(Map<String, Object> record, String key) {
        return record.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
