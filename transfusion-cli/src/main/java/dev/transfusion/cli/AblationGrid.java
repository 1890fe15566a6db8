package dev.transfusion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ablation grid: a base config plus overrides, axes ({@code key.path: [v1, v2]}) whose cartesian product is
 * run, and evaluation counts. Every run shares the seed, data and budget; only the axes differ.
 */
record AblationGrid(String source, String base, List<String> overrides, Map<String, List<AxisValue>> axes,
                    int evalImages, int evalCaptions, int evalText, int evalSteps) {
    private static final Set<String> KEYS = Set.of("base", "overrides", "axes", "eval");
    private static final Set<String> EVAL_KEYS = Set.of("images", "captions", "text", "steps");

    /** Loads a grid file, or a bundled grid by name (e.g. {@code attention-encoder}). */
    static AblationGrid load(String fileOrName) {
        try {
            Path p = Path.of(fileOrName);
            String text;
            String source;
            if (Files.isRegularFile(p)) {
                text = Files.readString(p);
                source = p.toString();
            } else {
                source = "grids/" + (fileOrName.endsWith(".yaml") ? fileOrName : fileOrName + ".yaml");
                try (InputStream in = AblationGrid.class.getClassLoader().getResourceAsStream(source)) {
                    if (in == null) {
                        throw new IllegalArgumentException("--grid '" + fileOrName
                                + "': no such file, and no bundled grid of that name (bundled: attention-encoder)");
                    }
                    text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return parse(text, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read grid " + fileOrName + ": " + e.getMessage(), e);
        }
    }

    static AblationGrid parse(String yaml, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a grid must be a mapping with base, overrides, axes, eval");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(source + ": unknown key '" + k + "'; known keys: " + KEYS);
            }
        }
        if (!root.hasNonNull("base")) {
            throw new IllegalArgumentException(source + ": missing 'base' (a config file or bundled name)");
        }
        List<String> overrides = new ArrayList<>();
        if (root.has("overrides")) {
            root.get("overrides").forEach(n -> overrides.add(n.asText()));
        }
        Map<String, List<AxisValue>> axes = new LinkedHashMap<>();
        JsonNode ax = root.get("axes");
        if (ax == null || !ax.isObject() || ax.size() == 0) {
            throw new IllegalArgumentException(source + ": 'axes' must map config keys to lists of values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ax.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode values = e.getValue();
            if (!(values.isArray() || values.isObject()) || values.size() == 0) {
                throw new IllegalArgumentException(source + ": axes." + e.getKey() + " must be a non-empty list of "
                        + "values, or a mapping from labels to values");
            }
            List<AxisValue> list = new ArrayList<>();
            if (values.isArray()) {
                values.forEach(v -> list.add(new AxisValue(text(v), text(v))));
            } else {
                values.fields().forEachRemaining(v -> list.add(new AxisValue(v.getKey(), text(v.getValue()))));
            }
            axes.put(e.getKey(), list);
        }
        JsonNode ev = root.path("eval");
        for (Iterator<String> it = ev.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!EVAL_KEYS.contains(k)) {
                throw new IllegalArgumentException(source + ": unknown key 'eval." + k + "'; known keys: " + EVAL_KEYS);
            }
        }
        return new AblationGrid(source, root.get("base").asText(), overrides, axes, ev.path("images").asInt(100),
                ev.path("captions").asInt(100), ev.path("text").asInt(100), ev.path("steps").asInt(0));
    }

    /** A scalar as its text; a mapping or list as JSON, which the config's override syntax reads as YAML. */
    private static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** Every combination of axis values, as ordered axis key → value maps. */
    List<Map<String, AxisValue>> runs() {
        List<Map<String, AxisValue>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<AxisValue>> axis : axes.entrySet()) {
            List<Map<String, AxisValue>> next = new ArrayList<>();
            for (Map<String, AxisValue> partial : out) {
                for (AxisValue v : axis.getValue()) {
                    Map<String, AxisValue> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The grid's overrides followed by one {@code axis=value} per axis of {@code run}. */
    List<String> overridesFor(Map<String, AxisValue> run) {
        List<String> o = new ArrayList<>(overrides);
        run.forEach((k, v) -> o.add(k + "=" + v.value()));
        return o;
    }

    /** The labels of {@code run}'s axis values, axis by axis. */
    static Map<String, String> labels(Map<String, AxisValue> run) {
        Map<String, String> m = new LinkedHashMap<>();
        run.forEach((k, v) -> m.put(k, v.label()));
        return m;
    }
}
