package dev.transfusion.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.transfusion.core.checkpoint.AtomicFiles;
import dev.transfusion.plugin.ComponentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the fully resolved config (every default filled in) as YAML that {@link ConfigLoader} reads back into an
 * equal record; runs store it next to their outputs.
 */
public final class ConfigWriter {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private ConfigWriter() {
    }

    /** The resolved config as YAML text. */
    public static String toYaml(ExperimentConfig config) {
        Objects.requireNonNull(config, "config");
        try {
            return MAPPER.writeValueAsString(toMap(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config as YAML", e);
        }
    }

    /** Writes the resolved config to {@code file} atomically (a temp file in the same folder, then a rename). */
    public static void write(ExperimentConfig config, Path file) {
        Objects.requireNonNull(file, "file");
        String yaml = toYaml(config);
        try {
            AtomicFiles.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write config: " + e.getMessage(), e);
        }
    }

    /** A section or the whole config as nested maps with snake_case keys (components as {type, ...params}). */
    static Map<String, Object> toMap(Object section) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : Schema.keys(section.getClass()).keySet()) {
            m.put(key, plain(Schema.get(section, key)));
        }
        return m;
    }

    private static Object plain(Object v) {
        if (v instanceof ComponentSpec spec) {
            return Overrides.toMap(spec);
        }
        if (v != null && Schema.isSection(v.getClass())) {
            return toMap(v);
        }
        return v;
    }
}
