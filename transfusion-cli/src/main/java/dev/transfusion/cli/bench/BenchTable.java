package dev.transfusion.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** Renders a {@link BenchReport} as a plain-text table: one column per backend, then the ratios to the first. */
final class BenchTable {
    private BenchTable() {
    }

    /** The table, with a header stating the model, the machine's load and the FLOPs formula. */
    static String render(BenchReport report) {
        Objects.requireNonNull(report, "report");
        BenchSettings s = report.settings();
        ModelFlops f = report.backends().get(0).flops();
        StringBuilder out = new StringBuilder();
        out.append(fmt("transfusion bench%s: dim %d, %d layers, %d heads, seq %d, batch %d, %dx%d images, patch %d%n",
                report.quick() ? " (--quick)" : "", s.dim(), s.layers(), s.heads(), s.seqLen(), s.batch(),
                s.imageSize(), s.imageSize(), s.patch()));
        out.append(fmt("params %.2fM total, N = %.2fM non-embedding; %.1f MFLOP/token (6N %.1f + attention %.1f)%n",
                f.totalParams() / 1e6, f.nonEmbeddingParams() / 1e6, f.flopsPerToken() / 1e6,
                f.parameterFlopsPerToken() / 1e6, f.attentionFlopsPerToken() / 1e6));
        out.append(ModelFlops.FORMULA).append(System.lineSeparator());
        out.append(fmt("machine: %d cores; load average (1/5/15 min) %s at start, %s at end%n%n", report.cores(),
                load(report.loadAverageStart()), load(report.loadAverageEnd())));

        List<String[]> rows = new ArrayList<>();
        List<BackendResult> bs = report.backends();
        rows.add(row("metric", bs, BackendResult::backend));
        rows.add(row("device / threads (0 = default)", bs, b -> b.device() + " / " + b.threads()));
        rows.add(row(fmt("matmul %d^3 GFLOP/s (median)", s.matmulSize()), bs, b -> fmt("%.1f", b.matmul().gflops())));
        rows.add(row("train tokens/s", bs, b -> fmt("%.0f", b.train().tokensPerSecond())));
        rows.add(row("train step s (median)", bs, b -> fmt("%.2f", b.train().medianStepSeconds())));
        rows.add(row("model GFLOP/s achieved", bs, b -> fmt("%.1f", b.train().modelGflops())));
        rows.add(row("MFU (vs own matmul peak)", bs, b -> fmt("%.1f%%", 100 * b.train().mfu())));
        rows.add(row(fmt("decode tokens/s, KV cache (%d+%d)", s.promptTokens(), s.newTokens()), bs,
                b -> fmt("%.1f", b.decode().cachedTokensPerSecond())));
        rows.add(row("decode tokens/s, full recompute", bs, b -> fmt("%.2f", b.decode().uncachedTokensPerSecond())));
        rows.add(row("KV cache speedup (bar >= 5x)", bs, b -> fmt("%.1fx", b.decode().cacheSpeedup())));
        rows.add(row("greedy tokens agreeing", bs, b -> b.decode().greedyTokensAgreeing() + "/" + b.decode().newTokens()));
        rows.add(row(fmt("s/image (%d DDIM steps, cfg %.1f)", s.samplerSteps(), s.cfg()), bs,
                b -> fmt("%.2f", b.image().secondsPerImage())));
        rows.add(row("peak RSS MiB (VmHWM, cumulative)", bs, b -> fmt("%.0f", b.peakResidentMib())));
        rows.add(row("bench wall s", bs, b -> fmt("%.0f", b.benchSeconds())));
        out.append(columns(rows));
        for (BenchReport.Ratios r : report.ratios()) {
            out.append(fmt("%nratios %s: train tokens/s %.2fx, MFU %.2fx, matmul %.2fx, decode cached %.2fx, "
                            + "decode full %.2fx, images/s %.2fx%n", r.name(), r.trainTokensPerSecond(), r.mfu(),
                    r.matmulGflops(), r.cachedDecodeTokensPerSecond(), r.uncachedDecodeTokensPerSecond(),
                    r.imagesPerSecond()));
        }
        return out.toString();
    }

    private static String[] row(String label, List<BackendResult> bs, Function<BackendResult, String> cell) {
        String[] r = new String[bs.size() + 1];
        r[0] = label;
        for (int i = 0; i < bs.size(); i++) {
            r[i + 1] = cell.apply(bs.get(i));
        }
        return r;
    }

    private static String columns(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(pad(r[0], width[0], false));
            for (int i = 1; i < r.length; i++) {
                line.append("  ").append(pad(r[i], width[i], true));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String load(double[] avg) {
        return fmt("%.2f %.2f %.2f", avg[0], avg[1], avg[2]);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
