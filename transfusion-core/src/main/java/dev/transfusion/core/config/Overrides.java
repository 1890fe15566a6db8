package dev.transfusion.core.config;

import dev.transfusion.core.config.YamlNode.MapNode;
import dev.transfusion.core.config.YamlNode.Origin;
import dev.transfusion.core.config.YamlNode.ScalarNode;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies {@code a.b.c=value} overrides to a parsed document. The path is checked against the schema (unknown keys
 * name the known ones); below a component any key is allowed, since a component's params are its own.
 */
final class Overrides {
    private Overrides() {
    }

    /** Applies one override to {@code root} in place. */
    static void apply(MapNode root, String text, String source) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(source + ": override '" + text + "' must look like key.path=value");
        }
        String path = text.substring(0, eq).trim();
        String[] keys = path.split("\\.", -1);
        for (String k : keys) {
            if (k.isBlank()) {
                throw new ConfigException(source + ": override '" + text + "' has an empty key in path '" + path + "'");
            }
        }
        if (text.substring(eq + 1).isBlank()) {
            throw new ConfigException(source + ": override '" + text + "' has no value after '='; expected "
                    + path + "=VALUE (write " + path + "=null to reset it to its default)");
        }
        YamlNode value = YamlReader.readValue(text.substring(eq + 1), source, text);
        Origin origin = Origin.override(text);

        MapNode node = root;
        Class<?> section = ExperimentConfig.class;
        Object dflt = ExperimentConfig.defaults();
        String at = "";
        boolean inComponent = false;
        for (int i = 0; i < keys.length; i++) {
            String key = keys[i];
            String here = ConfigBinder.join(at, key);
            boolean last = i == keys.length - 1;
            Class<?> type = null;
            Object childDefault = null;
            if (!inComponent) {
                Map<String, RecordComponent> known = Schema.keys(section);
                RecordComponent rc = known.get(key);
                if (rc == null) {
                    throw new ConfigException(source + ": override '" + text + "': unknown key '" + here
                            + "'; known keys" + (at.isEmpty() ? "" : " of " + at) + ": " + known.keySet());
                }
                type = rc.getType();
                childDefault = dflt == null ? null : Schema.get(dflt, key);
                if (!last && !Schema.isSection(type) && type != ComponentSpec.class) {
                    throw new ConfigException(source + ": override '" + text + "': '" + here
                            + "' is a single value, it has no keys below it");
                }
            }
            if (last) {
                node.put(key, origin, value);
                return;
            }
            node = child(node, key, type, childDefault, origin, source, text, here);
            if (type == ComponentSpec.class) {
                inComponent = true;
            } else if (!inComponent) {
                section = type;
                dflt = childDefault;
            }
            at = here;
        }
    }

    /** The mapping at {@code key}, created (from the default component, when there is one) if absent. */
    private static MapNode child(MapNode node, String key, Class<?> type, Object dflt, Origin origin, String source,
            String text, String here) {
        YamlNode existing = node.entries.get(key);
        if (existing instanceof MapNode m) {
            return m;
        }
        MapNode created;
        if (existing instanceof ScalarNode s && s.value() instanceof String name && type == ComponentSpec.class) {
            created = new MapNode(s.origin());
            created.put("type", s.origin(), s);
        } else if (existing == null || existing instanceof ScalarNode s && s.value() == null) {
            created = type == ComponentSpec.class && dflt instanceof ComponentSpec spec
                    ? (MapNode) YamlNode.fromPlain(toMap(spec), origin)
                    : new MapNode(origin);
        } else {
            throw new ConfigException(source + ": override '" + text + "': '" + here + "'"
                    + existing.origin().describe() + " is " + YamlNode.describe(existing) + ", not a mapping");
        }
        node.put(key, node.entries.containsKey(key) ? node.keyOrigin(key) : origin, created);
        return created;
    }

    static Map<String, Object> toMap(ComponentSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", spec.type());
        m.putAll(spec.params());
        return m;
    }
}
