package dev.transfusion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Draws total, LM and diffusion loss (raw and smoothed) from a run's metrics.jsonl into a PNG. */
final class LossCurve {
    private LossCurve() {
    }

    static void write(Path metrics, Path png) {
        try {
            ObjectMapper json = new ObjectMapper();
            List<double[]> total = new ArrayList<>();
            List<double[]> lm = new ArrayList<>();
            List<double[]> diff = new ArrayList<>();
            for (String line : Files.readAllLines(metrics)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                double s = n.get("step").asDouble();
                total.add(new double[] {s, n.get("loss").asDouble()});
                lm.add(new double[] {s, n.get("lm_loss").asDouble()});
                diff.add(new double[] {s, n.get("diffusion_loss").asDouble()});
            }
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            series.put("total", total);
            series.put("lm", lm);
            series.put("diffusion", diff);
            Charts.lines("training loss", "step", "loss", series, true, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw loss curve from " + metrics + ": " + e.getMessage(), e);
        }
    }
}
