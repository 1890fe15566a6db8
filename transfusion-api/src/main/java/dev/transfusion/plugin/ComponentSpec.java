package dev.transfusion.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One component of a config, {@code {type: name, ...its own params}}, with typed getters whose errors name the
 * key's full path (e.g. {@code diffusion.schedule.timesteps}), the line when known, and what was expected.
 */
public final class ComponentSpec {
    private final String path;
    private final String type;
    private final Map<String, Object> params;
    private final Map<String, Integer> lines;

    /**
     * Creates a spec. {@code path} is where it sits in the config; {@code lines} maps param keys to 1-based YAML
     * lines (may be empty).
     */
    public ComponentSpec(String path, String type, Map<String, Object> params, Map<String, Integer> lines) {
        this.path = Objects.requireNonNull(path, "path");
        this.type = Objects.requireNonNull(type, "type");
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        this.lines = Map.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    /** A spec with only a type and params (programmatic use, tests). */
    public static ComponentSpec of(String path, String type, Map<String, Object> params) {
        return new ComponentSpec(path, type, params, Map.of());
    }

    /** The config path of this component, e.g. {@code diffusion.schedule}. */
    public String path() {
        return path;
    }

    /** The plugin name selected by {@code type}. */
    public String type() {
        return type;
    }

    /** Every param except {@code type}, in file order. */
    public Map<String, Object> params() {
        return params;
    }

    /** The same component with one param replaced (for overrides). */
    public ComponentSpec with(String key, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put(key, value);
        return new ComponentSpec(path, type, p, lines);
    }

    /** Fails naming any key not in {@code known}, with its path, line and the known keys. */
    public void requireOnly(String... known) {
        Set<String> k = new TreeSet<>(List.of(known));
        for (String key : params.keySet()) {
            if (!k.contains(key)) {
                throw error(key, "unknown key for " + path + " type '" + type + "'; known keys: " + k);
            }
        }
    }

    /** True when {@code key} is present. */
    public boolean has(String key) {
        return params.containsKey(key);
    }

    /** An int param (integral numbers only). */
    public int getInt(String key, int defaultValue) {
        Object v = params.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Math.toIntExact(n.longValue());
        }
        throw error(key, "expected an integer, got " + describe(v));
    }

    /** A long param. */
    public long getLong(String key, long defaultValue) {
        Object v = params.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw error(key, "expected an integer, got " + describe(v));
    }

    /** A number param. */
    public double getDouble(String key, double defaultValue) {
        Object v = params.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error(key, "expected a number, got " + describe(v));
    }

    /** A number param that must lie in {@code [lo, hi]}. */
    public double getDouble(String key, double defaultValue, double lo, double hi) {
        double d = getDouble(key, defaultValue);
        if (d < lo || d > hi) {
            throw error(key, "expected a number in [" + lo + ", " + hi + "], got " + d);
        }
        return d;
    }

    /** An int param that must lie in {@code [lo, hi]}. */
    public int getInt(String key, int defaultValue, int lo, int hi) {
        int i = getInt(key, defaultValue);
        if (i < lo || i > hi) {
            throw error(key, "expected an integer in [" + lo + ", " + hi + "], got " + i);
        }
        return i;
    }

    /** A boolean param. */
    public boolean getBoolean(String key, boolean defaultValue) {
        Object v = params.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw error(key, "expected true or false, got " + describe(v));
    }

    /** A string param. */
    public String getString(String key, String defaultValue) {
        Object v = params.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw error(key, "expected a string, got " + describe(v));
    }

    /** A list-of-integers param. */
    public List<Integer> getIntList(String key, List<Integer> defaultValue) {
        Object v = params.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof List<?> list) {
            List<Integer> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw error(key, "expected a list of integers, found element " + describe(o));
                }
                out.add(n.intValue());
            }
            return List.copyOf(out);
        }
        throw error(key, "expected a list of integers, got " + describe(v));
    }

    /** A list-of-strings param. */
    public List<String> getStringList(String key, List<String> defaultValue) {
        Object v = params.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return List.copyOf(out);
        }
        throw error(key, "expected a list of strings, got " + describe(v));
    }

    /** A config error about {@code key}, naming its full path and line. */
    public ConfigException error(String key, String what) {
        Integer line = lines.get(key);
        return new ConfigException(path + "." + key + (line != null ? " (line " + line + ")" : "") + ": " + what);
    }

    private static String describe(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v) + " (" + v.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentSpec c && c.path.equals(path) && c.type.equals(type) && c.params.equals(params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, params);
    }

    @Override
    public String toString() {
        return path + "{type=" + type + ", " + params + "}";
    }
}
