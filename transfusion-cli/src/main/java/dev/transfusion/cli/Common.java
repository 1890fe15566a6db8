package dev.transfusion.cli;

import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared CLI helpers: resolving {@code --config FILE|NAME}. */
final class Common {
    private Common() {
    }

    /** Loads a config file, or a bundled config by name (e.g. {@code quickstart}), applying overrides. */
    static ExperimentConfig loadConfig(String fileOrName, List<String> overrides) {
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) {
            return ConfigLoader.load(p, overrides);
        }
        String resource = "configs/" + (fileOrName.endsWith(".yaml") ? fileOrName : fileOrName + ".yaml");
        try (InputStream in = Common.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("--config '" + fileOrName + "': no such file, and no bundled config "
                        + "of that name (bundled: " + String.join(", ", bundledConfigs()) + ")");
            }
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the configs shipped in the jar. */
    static List<String> bundledConfigs() {
        return List.of("quickstart", "shapes-long", "shapes-vae", "tiny");
    }
}
