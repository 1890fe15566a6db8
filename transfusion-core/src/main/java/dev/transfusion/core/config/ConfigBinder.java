package dev.transfusion.core.config;

import dev.transfusion.core.config.YamlNode.MapNode;
import dev.transfusion.core.config.YamlNode.Origin;
import dev.transfusion.core.config.YamlNode.ScalarNode;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link YamlNode} tree into config records, section by section, filling absent keys from the defaults and
 * reporting every problem with the source name, the key's full path and its line.
 */
final class ConfigBinder {
    private final String source;

    ConfigBinder(String source) {
        this.source = source;
    }

    /** Binds the whole document. */
    ExperimentConfig bind(MapNode root) {
        return (ExperimentConfig) section(ExperimentConfig.class, root, "", Origin.NONE, ExperimentConfig.defaults());
    }

    private Object value(Class<?> type, YamlNode node, String path, Origin keyOrigin, Object dflt) {
        if (node == null || node instanceof ScalarNode s && s.value() == null) {
            return dflt;
        }
        if (Schema.isSection(type)) {
            if (!(node instanceof MapNode m)) {
                throw error(path, keyOrigin, "expected a section with keys " + Schema.keys(type).keySet() + ", got "
                        + YamlNode.describe(node));
            }
            return section(type, m, path, keyOrigin, dflt);
        }
        if (type == ComponentSpec.class) {
            return component(node, path, keyOrigin);
        }
        Object v = node instanceof ScalarNode s ? s.value() : null;
        if (type == int.class || type == long.class) {
            if (v instanceof Integer || v instanceof Long) {
                long l = ((Number) v).longValue();
                if (type == long.class) {
                    return l;
                }
                if (l == (int) l) {
                    return (int) l;
                }
            }
            if (v instanceof Long || v instanceof BigInteger) {
                throw error(path, keyOrigin, "expected an integer that fits in " + type + ", got " + v);
            }
            throw error(path, keyOrigin, "expected an integer, got " + YamlNode.describe(node));
        }
        if (type == double.class) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw error(path, keyOrigin, "expected a number, got " + YamlNode.describe(node));
        }
        if (type == boolean.class) {
            if (v instanceof Boolean b) {
                return b;
            }
            throw error(path, keyOrigin, "expected true or false, got " + YamlNode.describe(node));
        }
        if (type == String.class) {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                return String.valueOf(v);
            }
            throw error(path, keyOrigin, "expected a string, got " + YamlNode.describe(node));
        }
        throw new IllegalStateException("config schema type not supported: " + type);
    }

    private Object section(Class<?> type, MapNode node, String path, Origin origin, Object dflt) {
        Map<String, RecordComponent> keys = Schema.keys(type);
        for (Map.Entry<String, YamlNode> e : node.entries.entrySet()) {
            String full = join(path, e.getKey());
            if (!keys.containsKey(e.getKey()) && RemovedKeys.isRemoved(full)) {
                String problem = RemovedKeys.problem(full, e.getValue().toPlain());
                if (problem != null) {
                    throw error(full, node.keyOrigin(e.getKey()), problem);
                }
            } else if (!keys.containsKey(e.getKey())) {
                throw error(full, node.keyOrigin(e.getKey()), "unknown key; known keys"
                        + (path.isEmpty() ? "" : " of " + path) + ": " + keys.keySet());
            }
        }
        List<Object> args = new ArrayList<>();
        for (Map.Entry<String, RecordComponent> k : keys.entrySet()) {
            String key = k.getKey();
            args.add(value(k.getValue().getType(), node.entries.get(key), join(path, key), node.keyOrigin(key),
                    Schema.get(dflt, key)));
        }
        try {
            return Schema.construct(type, args);
        } catch (InvalidValueException e) {
            Origin o = node.keyOrigins.containsKey(e.key()) ? node.keyOrigin(e.key()) : origin;
            throw error(join(path, e.key()), o, e.problem());
        }
    }

    private ComponentSpec component(YamlNode node, String path, Origin keyOrigin) {
        if (node instanceof ScalarNode s && s.value() instanceof String name) {
            return new ComponentSpec(path, name, Map.of(), Map.of());
        }
        if (!(node instanceof MapNode m)) {
            throw error(path, keyOrigin, "expected a component {type: name, ...params} or a type name, got "
                    + YamlNode.describe(node));
        }
        YamlNode type = m.entries.get("type");
        if (type == null || type instanceof ScalarNode s && s.value() == null) {
            throw error(path, keyOrigin, "missing 'type' (a component is {type: name, ...params}); keys given: "
                    + m.entries.keySet());
        }
        if (!(type instanceof ScalarNode s) || !(s.value() instanceof String name) || name.isBlank()) {
            throw error(path + ".type", m.keyOrigin("type"), "expected a component name, got "
                    + YamlNode.describe(type));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : m.entries.entrySet()) {
            if (!e.getKey().equals("type")) {
                params.put(e.getKey(), e.getValue().toPlain());
            }
            Integer line = m.keyOrigin(e.getKey()).line();
            if (line != null) {
                lines.put(e.getKey(), line); // includes "type", so spec.error("type", ...) names its line
            }
        }
        return new ComponentSpec(path, name, params, lines);
    }

    private ConfigException error(String path, Origin origin, String what) {
        return new ConfigException(source + ": " + path + origin.describe() + ": " + what);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
