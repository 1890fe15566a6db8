package dev.transfusion.core.backend;

import dev.transfusion.backend.BackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds backend providers with {@link ServiceLoader} and picks one: the config's name, else the system property
 * {@code transfusion.backend}, else the environment variable {@code TRANSFUSION_BACKEND}, else the highest rank.
 */
public final class Backends {
    /** System property that selects a backend by name. */
    public static final String PROPERTY = "transfusion.backend";
    /** Environment variable that selects a backend by name. */
    public static final String ENV = "TRANSFUSION_BACKEND";

    private Backends() {
    }

    /** Every provider on the class path, by name; two providers with one name is an error naming both classes. */
    public static Map<String, BackendProvider> discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /** Every provider visible to {@code loader}, by name. */
    public static Map<String, BackendProvider> discover(ClassLoader loader) {
        Map<String, BackendProvider> found = new TreeMap<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, loader)) {
            BackendProvider prev = found.putIfAbsent(p.name(), p);
            if (prev != null) {
                throw new IllegalStateException("two backends are named '" + p.name() + "': "
                        + prev.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return found;
    }

    /**
     * Chooses a provider. {@code configured} may be null or blank, in which case the property, the environment
     * variable and finally rank decide.
     */
    public static BackendProvider select(String configured) {
        return select(configured, System.getProperty(PROPERTY), System.getenv(ENV), discover());
    }

    static BackendProvider select(String configured, String property, String env, Map<String, BackendProvider> found) {
        for (String[] source : new String[][] {{configured, "config backend.type"}, {property, "-D" + PROPERTY},
                {env, ENV}}) {
            String name = source[0];
            if (name != null && !name.isBlank()) {
                BackendProvider p = found.get(name.trim());
                if (p == null) {
                    throw new IllegalArgumentException("unknown backend '" + name + "' (from " + source[1]
                            + "); known backends: " + found.keySet());
                }
                if (!p.isAvailable()) {
                    throw new IllegalStateException("backend '" + name + "' (from " + source[1]
                            + ") is installed but its native library cannot be loaded on this machine");
                }
                return p;
            }
        }
        List<BackendProvider> ranked = new ArrayList<>(found.values());
        ranked.removeIf(p -> !p.isAvailable());
        ranked.sort(Comparator.comparingInt(BackendProvider::rank).reversed());
        if (ranked.isEmpty()) {
            throw new IllegalStateException("no usable backend on the class path; found " + found.keySet()
                    + ". Add transfusion-backend-djl or transfusion-backend-tf as a dependency.");
        }
        return Objects.requireNonNull(ranked.get(0));
    }
}
