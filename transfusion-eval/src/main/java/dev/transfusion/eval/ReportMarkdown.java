package dev.transfusion.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders an {@link EvalReport} as a readable Markdown page. */
final class ReportMarkdown {
    private ReportMarkdown() {
    }

    /** The page; {@code columns} is the grids' column count, so prompts can be listed by grid position. */
    static String render(EvalReport r, boolean t2iGrid, boolean realGrid, int gridSize, int columns) {
        StringBuilder b = new StringBuilder();
        b.append("# Evaluation at step ").append(r.step()).append("\n\n");
        b.append("| setting | value |\n|---|---|\n");
        for (Map.Entry<String, Object> e : r.config().entrySet()) {
            b.append("| ").append(e.getKey()).append(" | ").append(cell(String.valueOf(e.getValue()))).append(" |\n");
        }
        if (!r.perplexity().isEmpty()) {
            b.append("\n## Held-out text\n\n| set | documents | tokens | nats/token | perplexity |\n|---|---|---|---|---|\n");
            for (PerplexityResult p : r.perplexity()) {
                b.append("| ").append(p.name()).append(" | ").append(p.documents()).append(" | ").append(p.tokens())
                        .append(" | ").append(f(p.natsPerToken())).append(" | ").append(f(p.perplexity())).append(" |\n");
            }
        }
        TextToImageResult t = r.textToImage();
        CaptioningResult c = r.captioning();
        if ((t != null && t.accuracy() != null) || (c != null && c.accuracy() != null)) {
            b.append("\n## Attribute accuracy (GenEval-style, shapes oracle)\n\n")
                    .append("Fraction of prompts (images) whose attribute is right; an attribute the reference does not ")
                    .append("state (e.g. position with a single shape) counts as right.\n\n")
                    .append("| task | n | count | colour | shape | size | position | overall |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            if (t != null && t.accuracy() != null) {
                row(b, "text-to-image", t.accuracy());
            }
            if (c != null && c.accuracy() != null) {
                row(b, "captioning (parsed)", c.accuracy());
            }
        }
        b.append("\n## Generation\n\n| metric | value |\n|---|---|\n");
        if (t != null) {
            b.append("| text-to-image prompts | ").append(t.n()).append(" |\n")
                    .append("| sampler steps / cfg | ").append(t.steps()).append(" / ").append(f(t.guidance())).append(" |\n");
        }
        if (r.fd() != null) {
            b.append("| FD (").append(cell(r.fd().features())).append("; ").append(r.fd().generated())
                    .append(" generated vs ").append(r.fd().real()).append(" real) | ").append(f(r.fd().value()))
                    .append(" |\n");
        }
        if (c != null) {
            b.append("| captioned images | ").append(c.n()).append(" |\n")
                    .append("| CIDEr-D | ").append(f(c.ciderD())).append(" |\n");
        }
        if (t2iGrid && t != null) {
            b.append("\n## Text-to-image samples\n\n| generated | real (same prompts) |\n|---|---|\n| ![generated](")
                    .append(ReportWriter.T2I_GRID).append(") | ").append(realGrid ? "![real](" + ReportWriter.REAL_GRID
                            + ")" : "").append(" |\n\nPrompts, row by row (").append(columns).append(" per row):\n\n");
            List<String> prompts = t.prompts();
            for (int i = 0; i < Math.min(gridSize, prompts.size()); i++) {
                b.append(i + 1).append(". ").append(prompts.get(i)).append('\n');
            }
        }
        if (c != null && c.n() > 0) {
            b.append("\n## Captions\n\n| # | reference | generated |\n|---|---|---|\n");
            for (int i = 0; i < Math.min(gridSize, c.n()); i++) {
                b.append("| ").append(i + 1).append(" | ").append(cell(c.references().get(i))).append(" | ")
                        .append(cell(c.captions().get(i))).append(" |\n");
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, AttributeAccuracy a) {
        b.append("| ").append(name).append(" | ").append(a.n()).append(" | ").append(f(a.count())).append(" | ")
                .append(f(a.colour())).append(" | ").append(f(a.shape())).append(" | ").append(f(a.size()))
                .append(" | ").append(f(a.position())).append(" | ").append(f(a.overall())).append(" |\n");
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    /** Escapes a table cell: pipes, and control characters (e.g. bytes an untrained model emits) as spaces. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replaceAll("\\p{Cntrl}", " ");
    }
}
