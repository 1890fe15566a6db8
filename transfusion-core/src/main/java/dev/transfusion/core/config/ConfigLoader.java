package dev.transfusion.core.config;

import dev.transfusion.core.config.YamlNode.MapNode;
import dev.transfusion.plugin.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Loads an experiment config: one YAML file, then {@code key.path=value} overrides in order, then every absent key
 * from the defaults. An empty file is an error; empty text given to {@link #parse} means every default. Every error is a {@link ConfigException} whose message starts with the file name.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads {@code file} and applies {@code overrides} ({@code train.steps=10}, {@code image.encoder.type=unet}). */
    public static ExperimentConfig load(Path file, List<String> overrides) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(overrides, "overrides");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": cannot read config: no such file", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": cannot read config: not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e, e);
        }
        if (YamlReader.isEmpty(text, file.toString())) {
            // An empty file is almost always a mistake (a truncated copy, the wrong path); defaults are explicit.
            throw new ConfigException(file + ": the config file is empty; expected a mapping of sections (seed, "
                    + "model, train, ...); write {} to train with every default");
        }
        return parse(text, file.toString(), overrides);
    }

    /** Loads {@code file} without overrides. */
    public static ExperimentConfig load(Path file) {
        return load(file, List.of());
    }

    /** Parses YAML text; {@code sourceName} starts every error message (use the file name, or e.g. "<inline>"). */
    public static ExperimentConfig parse(String yaml, String sourceName, List<String> overrides) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(overrides, "overrides");
        MapNode root = YamlReader.readDocument(yaml, sourceName);
        for (String o : overrides) {
            Overrides.apply(root, Objects.requireNonNull(o, "override"), sourceName);
        }
        return new ConfigBinder(sourceName).bind(root);
    }

    /** Parses YAML text without overrides. */
    public static ExperimentConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, List.of());
    }
}
