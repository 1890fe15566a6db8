package dev.transfusion.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers where it came from (a line of the file or a command-line override). */
sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.ScalarNode {
    /** Where this value starts. */
    Origin origin();

    /** A plain Java value: Map, List, String, Integer, Long, Double, Boolean or null. */
    Object toPlain();

    /** Where a key or value was written: a 1-based line, or the override that set it, or neither (a default). */
    record Origin(Integer line, String override) {
        static final Origin NONE = new Origin(null, null);

        static Origin line(int line) {
            return new Origin(line, null);
        }

        static Origin override(String text) {
            return new Origin(null, text);
        }

        /** " (line 12)", " (override 'a.b=1')" or "". */
        String describe() {
            if (line != null) {
                return " (line " + line + ")";
            }
            return override != null ? " (override '" + override + "')" : "";
        }
    }

    /** A mapping, keys in file order, each key with its own origin. */
    final class MapNode implements YamlNode {
        final Map<String, YamlNode> entries = new LinkedHashMap<>();
        final Map<String, Origin> keyOrigins = new LinkedHashMap<>();
        private final Origin origin;

        MapNode(Origin origin) {
            this.origin = origin;
        }

        void put(String key, Origin keyOrigin, YamlNode value) {
            entries.put(key, value);
            keyOrigins.put(key, keyOrigin);
        }

        Origin keyOrigin(String key) {
            return keyOrigins.getOrDefault(key, Origin.NONE);
        }

        @Override
        public Origin origin() {
            return origin;
        }

        @Override
        public Object toPlain() {
            Map<String, Object> m = new LinkedHashMap<>();
            entries.forEach((k, v) -> m.put(k, v.toPlain()));
            return m;
        }
    }

    /** A sequence. */
    record ListNode(List<YamlNode> items, Origin origin) implements YamlNode {
        @Override
        public Object toPlain() {
            List<Object> l = new ArrayList<>();
            items.forEach(i -> l.add(i.toPlain()));
            return l;
        }
    }

    /** A scalar; {@code value} is null for YAML null. */
    record ScalarNode(Object value, Origin origin) implements YamlNode {
        @Override
        public Object toPlain() {
            return value;
        }
    }

    /** Builds a node from a plain Java value (used to materialise defaults before an override edits them). */
    @SuppressWarnings("unchecked")
    static YamlNode fromPlain(Object value, Origin origin) {
        if (value instanceof Map<?, ?> m) {
            MapNode node = new MapNode(origin);
            ((Map<String, Object>) m).forEach((k, v) -> node.put(k, origin, fromPlain(v, origin)));
            return node;
        }
        if (value instanceof List<?> l) {
            List<YamlNode> items = new ArrayList<>();
            l.forEach(v -> items.add(fromPlain(v, origin)));
            return new ListNode(items, origin);
        }
        return new ScalarNode(value, origin);
    }

    /** A short description of a value for "got ..." in error messages. */
    static String describe(YamlNode node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        Object v = ((ScalarNode) node).value();
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s + "' (a string)";
        }
        if (v instanceof Boolean) {
            return v + " (a boolean)";
        }
        if (v instanceof Double || v instanceof Float) {
            return v + " (a number)";
        }
        return v + " (an integer)";
    }
}
