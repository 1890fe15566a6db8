package dev.transfusion.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.transfusion.core.config.YamlNode.ListNode;
import dev.transfusion.core.config.YamlNode.MapNode;
import dev.transfusion.core.config.YamlNode.Origin;
import dev.transfusion.core.config.YamlNode.ScalarNode;
import dev.transfusion.plugin.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML text into {@link YamlNode}s with line numbers, using Jackson's streaming YAML parser. */
final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String source;
    private final String override;

    private YamlReader(String source, String override) {
        this.source = source;
        this.override = override;
    }

    /** Parses a whole config document; an empty document is an empty mapping. */
    static MapNode readDocument(String yaml, String source) {
        YamlReader r = new YamlReader(source, null);
        try (YAMLParser p = FACTORY.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new MapNode(Origin.line(1));
            }
            YamlNode root = r.read(p, t, "");
            if (!(root instanceof MapNode m)) {
                throw new ConfigException(source + ": the top level must be a mapping of sections (seed, model, "
                        + "train, ...), got " + YamlNode.describe(root));
            }
            if (p.nextToken() != null) {
                throw new ConfigException(source + r.at(p.currentTokenLocation())
                        + ": only one YAML document is allowed per config");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw r.syntaxError(e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read YAML: " + e.getMessage(), e);
        }
    }

    /** True when {@code yaml} holds no YAML value at all (nothing, or only comments and blank lines). */
    static boolean isEmpty(String yaml, String source) {
        try (YAMLParser p = FACTORY.createParser(yaml)) {
            return p.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false; // not empty; readDocument reports the syntax error with its line
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read YAML: " + e.getMessage(), e);
        }
    }

    /** Parses the value of a {@code key=value} override as a YAML scalar or flow value. */
    static YamlNode readValue(String text, String source, String overrideText) {
        YamlReader r = new YamlReader(source, overrideText);
        try (YAMLParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new ScalarNode(null, Origin.override(overrideText));
            }
            YamlNode node = r.read(p, t, "");
            if (p.nextToken() != null) {
                throw new ConfigException(source + ": override '" + overrideText + "': the value is not one YAML value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": override '" + overrideText + "': invalid YAML value: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": override '" + overrideText + "': " + e.getMessage(), e);
        }
    }

    private YamlNode read(YAMLParser p, JsonToken t, String path) throws IOException {
        Origin origin = origin(p.currentTokenLocation());
        switch (t) {
            case START_OBJECT: {
                MapNode m = new MapNode(origin);
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    Origin keyOrigin = origin(p.currentTokenLocation());
                    if (m.entries.containsKey(key)) {
                        Integer first = m.keyOrigin(key).line();
                        throw new ConfigException(source + ": " + ConfigBinder.join(path, key) + keyOrigin.describe()
                                + ": duplicate key" + (first != null ? " (first on line " + first + ")" : ""));
                    }
                    m.put(key, keyOrigin, read(p, p.nextToken(), ConfigBinder.join(path, key)));
                }
                return m;
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(read(p, i, path + "[" + items.size() + "]"));
                }
                return new ListNode(List.copyOf(items), origin);
            }
            case VALUE_STRING:
                return new ScalarNode(p.getText(), origin);
            case VALUE_TRUE:
                return new ScalarNode(Boolean.TRUE, origin);
            case VALUE_FALSE:
                return new ScalarNode(Boolean.FALSE, origin);
            case VALUE_NULL:
                return new ScalarNode(null, origin);
            case VALUE_NUMBER_INT:
                return new ScalarNode(integer(p), origin);
            case VALUE_NUMBER_FLOAT:
                return new ScalarNode(p.getDoubleValue(), origin);
            default:
                throw new ConfigException(source + ": " + path + origin.describe() + ": unsupported YAML value " + t);
        }
    }

    private static Object integer(YAMLParser p) throws IOException {
        Number n = p.getNumberValue();
        if (n instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (n instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        return n;
    }

    private Origin origin(JsonLocation loc) {
        if (override != null) {
            return Origin.override(override);
        }
        return loc != null && loc.getLineNr() > 0 ? Origin.line(loc.getLineNr()) : Origin.NONE;
    }

    private String at(JsonLocation loc) {
        return loc != null && loc.getLineNr() > 0 ? ": line " + loc.getLineNr() : "";
    }

    private ConfigException syntaxError(JsonProcessingException e) {
        return new ConfigException(source + at(e.getLocation()) + ": invalid YAML: " + e.getOriginalMessage(), e);
    }
}
