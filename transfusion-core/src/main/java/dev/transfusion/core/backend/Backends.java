package dev.transfusion.core.backend;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendFactory;
import dev.transfusion.core.config.BackendConfig;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.core.plugin.Plugins;
import dev.transfusion.core.runtime.PluginKinds;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the backend plugin ({@link PluginKinds#BACKEND}) an experiment runs on: the config's {@code backend.type},
 * else the system property {@code transfusion.backend}, else the environment variable {@code TRANSFUSION_BACKEND},
 * else the available backend of highest rank.
 */
public final class Backends {
    /** System property that selects a backend by name. */
    public static final String PROPERTY = "transfusion.backend";
    /** Environment variable that selects a backend by name. */
    public static final String ENV = "TRANSFUSION_BACKEND";

    private Backends() {
    }

    /**
     * Creates the backend {@code config} selects with {@code registry}'s backend plugins; an unknown name or an
     * absent device (e.g. {@code gpu:0} without a GPU) is a {@link ConfigException} saying what was asked and found.
     */
    public static Backend create(PluginRegistry registry, BackendConfig config, PluginContext context) {
        BackendFactory factory = select(config.type(), registry.factories(PluginKinds.BACKEND));
        ComponentSpec spec = config.spec(factory.name());
        try {
            return registry.create(PluginKinds.BACKEND, spec, context);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("backend: " + e.getMessage(), e);
        }
    }

    /** Creates the backend {@code config} selects among the plugins on the context class path (tools, tests). */
    public static Backend create(BackendConfig config) {
        return create(Plugins.registry(PluginKinds.ALL), config, PluginContext.of(0, Path.of(".")));
    }

    /**
     * Chooses among {@code found}: {@code configured} (may be null), then the property, the environment variable
     * and finally rank decide.
     */
    public static BackendFactory select(String configured, Map<String, BackendFactory> found) {
        return select(configured, System.getProperty(PROPERTY), System.getenv(ENV), found);
    }

    static BackendFactory select(String configured, String property, String env, Map<String, BackendFactory> found) {
        for (String[] source : new String[][] {{configured, "config backend.type"}, {property, "-D" + PROPERTY},
                {env, ENV}}) {
            String name = source[0];
            if (name != null && !name.isBlank()) {
                BackendFactory f = found.get(name.trim());
                if (f == null) {
                    throw new ConfigException("unknown backend '" + name + "' (from " + source[1] + "); known: "
                            + (found.isEmpty() ? "none installed (is a backend jar on the class path?)"
                                    : found.keySet()));
                }
                if (!f.isAvailable()) {
                    throw new IllegalStateException("backend '" + name + "' (from " + source[1]
                            + ") is installed but its native library cannot be loaded on this machine");
                }
                return f;
            }
        }
        List<BackendFactory> ranked = new ArrayList<>(found.values());
        ranked.removeIf(f -> !f.isAvailable());
        ranked.sort(Comparator.comparingInt(BackendFactory::rank).reversed());
        if (ranked.isEmpty()) {
            throw new IllegalStateException("no usable backend on the class path; found " + found.keySet()
                    + ". Add transfusion-backend-djl or transfusion-backend-tf as a dependency.");
        }
        return Objects.requireNonNull(ranked.get(0));
    }
}
