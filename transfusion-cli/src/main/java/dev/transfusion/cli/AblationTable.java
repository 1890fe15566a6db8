package dev.transfusion.cli;

import dev.transfusion.eval.EvalReport;
import dev.transfusion.eval.PerplexityResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metrics an ablation compares, as a markdown table and a bar chart. */
final class AblationTable {
    static final List<String> CHART = List.of("t2i_colour", "t2i_shape", "t2i_overall", "caption_colour",
            "caption_shape", "cider_d");

    private AblationTable() {
    }

    static Map<String, Object> metrics(EvalReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.textToImage() != null) {
            m.put("t2i_colour", r.textToImage().accuracy().colour());
            m.put("t2i_shape", r.textToImage().accuracy().shape());
            m.put("t2i_overall", r.textToImage().accuracy().overall());
        }
        if (r.captioning() != null) {
            m.put("caption_colour", r.captioning().accuracy().colour());
            m.put("caption_shape", r.captioning().accuracy().shape());
            m.put("cider_d", r.captioning().ciderD());
        }
        if (r.fd() != null) {
            m.put("fd", r.fd().value());
        }
        for (PerplexityResult p : r.perplexity()) {
            m.put("ppl_" + p.name(), p.perplexity());
        }
        return m;
    }

    static String markdown(AblationGrid g, List<Map<String, Object>> rows) {
        List<String> cols = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            for (String k : row.keySet()) {
                if (!cols.contains(k)) {
                    cols.add(k);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("Ablation `").append(g.source()).append("` on base `").append(g.base()).append("`");
        if (!g.overrides().isEmpty()) {
            b.append(" with ").append(String.join(", ", g.overrides()));
        }
        b.append(" (same seed, data and budget; accuracies are fractions of held-out prompts/images, FD on fixed ")
                .append("random conv features — not FID).\n\n|");
        cols.forEach(c -> b.append(' ').append(c).append(" |"));
        b.append("\n|");
        cols.forEach(c -> b.append("---|"));
        b.append('\n');
        for (Map<String, Object> row : rows) {
            b.append('|');
            for (String c : cols) {
                Object v = row.get(c);
                b.append(' ').append(v instanceof Double d ? String.format("%.3f", d) : v == null ? "" : v).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    static void chart(AblationGrid g, List<Map<String, Object>> rows, Path png) {
        List<String> groups = new ArrayList<>();
        double[][] values = new double[rows.size()][CHART.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            List<String> label = new ArrayList<>();
            for (String axis : g.axes().keySet()) {
                label.add(String.valueOf(row.get(axis)));
            }
            groups.add(String.join("/", label));
            for (int j = 0; j < CHART.size(); j++) {
                Object v = row.get(CHART.get(j));
                double d = v instanceof Number n ? n.doubleValue() : 0;
                values[i][j] = CHART.get(j).equals("cider_d") ? d / 10.0 : d; // CIDEr-D is on a 0..10 scale
            }
        }
        List<String> legend = new ArrayList<>(CHART);
        legend.set(legend.indexOf("cider_d"), "cider_d / 10");
        Charts.bars("ablation: " + String.join(" × ", g.axes().keySet()), groups, legend, values, png);
    }
}
