package dev.transfusion.cli;

import dev.transfusion.eval.EvalReport;
import dev.transfusion.eval.PerplexityResult;

/** One-line and table-row views of an evaluation report. */
final class ReportSummary {
    private ReportSummary() {
    }

    static String oneLine(EvalReport r) {
        StringBuilder b = new StringBuilder("step " + r.step());
        for (PerplexityResult p : r.perplexity()) {
            b.append(String.format(" | ppl(%s) %.3f", p.name(), p.perplexity()));
        }
        if (r.textToImage() != null) {
            var a = r.textToImage().accuracy();
            b.append(String.format(" | t2i colour %.1f%% shape %.1f%% overall %.1f%%", 100 * a.colour(), 100 * a.shape(),
                    100 * a.overall()));
        }
        if (r.captioning() != null) {
            var a = r.captioning().accuracy();
            b.append(String.format(" | captions colour %.1f%% shape %.1f%% CIDEr-D %.3f", 100 * a.colour(), 100 * a.shape(),
                    r.captioning().ciderD()));
        }
        if (r.fd() != null) {
            b.append(String.format(" | FD %.3f", r.fd().value()));
        }
        return b.toString();
    }
}
