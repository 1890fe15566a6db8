package dev.transfusion.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.transfusion.core.checkpoint.AtomicFiles;
import dev.transfusion.data.shapes.AttributeScore;
import dev.transfusion.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an {@link EvalReport} into its directory, every file atomically: {@code report.json} (all numbers; non-finite
 * values as null), {@code report.md} (tables, the grid images and their prompts), {@code t2i_grid.png} and
 * {@code real_grid.png}.
 */
public final class ReportWriter {
    /** The machine-readable report. */
    public static final String JSON = "report.json";
    /** The human-readable report. */
    public static final String MARKDOWN = "report.md";
    /** Generated images, in prompt order. */
    public static final String T2I_GRID = "t2i_grid.png";
    /** The held-out images of the same prompts. */
    public static final String REAL_GRID = "real_grid.png";

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** Writes the report files; the grids show the first {@code gridSize} of {@code generated} and {@code real}. */
    public static void write(EvalReport report, List<HostTensor> generated, List<HostTensor> real, int gridSize)
            throws IOException {
        write(report, generated, List.of(), real, gridSize);
    }

    /**
     * Writes the report files; the grids show the first {@code gridSize} of {@code generated} and {@code real} with
     * their prompts, and the generated tiles are framed by the oracle's {@code verdicts} (empty: none).
     */
    public static void write(EvalReport report, List<HostTensor> generated, List<AttributeScore> verdicts,
                             List<HostTensor> real, int gridSize) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(generated, "generated");
        Objects.requireNonNull(verdicts, "verdicts");
        Objects.requireNonNull(real, "real");
        Path dir = report.directory();
        int columns = columns(Math.min(gridSize, generated.size()));
        List<String> prompts = report.textToImage() == null ? List.of() : report.textToImage().prompts();
        if (!generated.isEmpty()) {
            List<ImageGrid.Tile> tiles = new ArrayList<>();
            for (int i = 0; i < Math.min(gridSize, generated.size()); i++) {
                tiles.add(new ImageGrid.Tile(generated.get(i), i < prompts.size() ? prompts.get(i) : "",
                        i < verdicts.size() ? verdict(verdicts.get(i)) : null));
            }
            ImageGrid.writePng(tiles, columns, dir.resolve(T2I_GRID));
        }
        if (!real.isEmpty()) {
            List<ImageGrid.Tile> tiles = new ArrayList<>();
            for (int i = 0; i < Math.min(gridSize, real.size()); i++) {
                tiles.add(ImageGrid.Tile.of(real.get(i), i < prompts.size() ? prompts.get(i) : ""));
            }
            ImageGrid.writePng(tiles, columns(tiles.size()), dir.resolve(REAL_GRID));
        }
        AtomicFiles.writeString(dir.resolve(JSON), toJson(report));
        AtomicFiles.writeString(dir.resolve(MARKDOWN), ReportMarkdown.render(report, !generated.isEmpty(),
                !real.isEmpty(), gridSize, columns));
    }

    /** The oracle's verdict as a grid mark: all correct, or the attributes it found wrong. */
    static ImageGrid.Verdict verdict(AttributeScore s) {
        if (s.all()) {
            return new ImageGrid.Verdict(true, "oracle: all correct");
        }
        List<String> wrong = new ArrayList<>();
        if (!s.count()) {
            wrong.add("count");
        }
        if (!s.colour()) {
            wrong.add("colour");
        }
        if (!s.shape()) {
            wrong.add("shape");
        }
        if (!s.size()) {
            wrong.add("size");
        }
        if (!s.position()) {
            wrong.add("position");
        }
        return new ImageGrid.Verdict(false, "wrong: " + String.join(", ", wrong));
    }

    /** Grid columns for {@code n} tiles: ⌈√n⌉. */
    static int columns(int n) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(n)));
    }

    /** The report as JSON text. */
    public static String toJson(EvalReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", r.step());
        m.put("config", r.config());
        Map<String, Object> ppl = new LinkedHashMap<>();
        for (PerplexityResult p : r.perplexity()) {
            ppl.put(p.name(), map("documents", p.documents(), "tokens", p.tokens(), "dropped", p.dropped(),
                    "nats_per_token", num(p.natsPerToken()), "perplexity", num(p.perplexity())));
        }
        m.put("perplexity", ppl);
        if (r.textToImage() != null) {
            TextToImageResult t = r.textToImage();
            m.put("text_to_image", map("n", t.n(), "sampler_steps", t.steps(), "cfg", num(t.guidance()),
                    "accuracy", accuracy(t.accuracy()), "prompts", t.prompts()));
        }
        if (r.fd() != null) {
            FdResult f = r.fd();
            m.put("fd", map("value", num(f.value()), "features", f.features(), "dimension", f.dimension(),
                    "generated", f.generated(), "real", f.real()));
        }
        if (r.captioning() != null) {
            CaptioningResult c = r.captioning();
            m.put("captioning", map("n", c.n(), "cider_d", num(c.ciderD()), "accuracy", accuracy(c.accuracy()),
                    "captions", c.captions(), "references", c.references()));
        }
        try {
            return JSON_MAPPER.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the evaluation report as JSON", e);
        }
    }

    private static Map<String, Object> accuracy(AttributeAccuracy a) {
        if (a == null) {
            return null;
        }
        return map("n", a.n(), "count", num(a.count()), "colour", num(a.colour()), "shape", num(a.shape()),
                "size", num(a.size()), "position", num(a.position()), "overall", num(a.overall()));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** JSON has no NaN or infinity: those become null. */
    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
