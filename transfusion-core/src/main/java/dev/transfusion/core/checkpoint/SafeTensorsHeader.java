package dev.transfusion.core.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.io.CheckpointException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed and fully validated safetensors JSON header: every entry's dtype, shape and byte range, checked to tile
 * the data section exactly (no overlap, no hole, nothing past the end), as the reference implementation requires.
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    /** Key of the free-form string map in the header. */
    static final String METADATA = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One tensor's header entry; {@code begin}/{@code end} are offsets into the data section. */
    record Entry(String name, SafeDType dtype, long[] shape, long begin, long end) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /** Parses {@code json} and checks it against a data section of {@code dataBytes} bytes. */
    static SafeTensorsHeader parse(String json, long dataBytes, Path file) throws CheckpointException {
        if (!json.startsWith("{")) {
            throw new CheckpointException(file, "the header does not start with '{' (not a safetensors file?)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file, "the header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file, "the header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            if (f.getKey().equals(METADATA)) {
                metadata(f.getValue(), metadata, file);
            } else {
                entries.add(entry(f.getKey(), f.getValue(), file));
            }
        }
        checkLayout(entries, dataBytes, file);
        return new SafeTensorsHeader(List.copyOf(entries), metadata);
    }

    private static void metadata(JsonNode node, Map<String, String> out, Path file) throws CheckpointException {
        if (!node.isObject()) {
            throw new CheckpointException(file, METADATA + " must be an object of strings, got " + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw new CheckpointException(file, METADATA + "." + m.getKey() + " must be a string, got "
                        + m.getValue());
            }
            out.put(m.getKey(), m.getValue().asText());
        }
    }

    private static Entry entry(String name, JsonNode node, Path file) throws CheckpointException {
        String where = "tensor '" + name + "': ";
        if (!node.isObject()) {
            throw new CheckpointException(file, where + "expected an object, got " + node.getNodeType());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!Set.of("dtype", "shape", "data_offsets").contains(k)) {
                throw new CheckpointException(file, where + "unknown field '" + k
                        + "' (expected dtype, shape, data_offsets)");
            }
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw new CheckpointException(file, where + "missing or non-string dtype");
        }
        SafeDType dtype = SafeDType.parse(dt.asText()).orElseThrow(() -> new CheckpointException(file, where
                + "unknown or unsupported dtype '" + dt.asText() + "' (supported: "
                + List.of(SafeDType.values()) + ")"));
        long[] shape = longs(node.get("shape"), -1, where + "shape", file);
        long[] offsets = longs(node.get("data_offsets"), 2, where + "data_offsets", file);
        if (offsets[0] > offsets[1]) {
            throw new CheckpointException(file, where + "data_offsets [" + offsets[0] + ", " + offsets[1]
                    + "] end before they begin");
        }
        Entry e = new Entry(name, dtype, shape, offsets[0], offsets[1]);
        long need;
        try {
            need = Math.multiplyExact(e.elements(), dtype.bytes);
        } catch (ArithmeticException overflow) {
            throw new CheckpointException(file, where + "shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        if (need != offsets[1] - offsets[0]) {
            throw new CheckpointException(file, where + "data_offsets [" + offsets[0] + ", " + offsets[1] + "] hold "
                    + (offsets[1] - offsets[0]) + " bytes but " + dtype + " shape " + java.util.Arrays.toString(shape)
                    + " needs " + need);
        }
        return e;
    }

    private static long[] longs(JsonNode node, int length, String what, Path file) throws CheckpointException {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new CheckpointException(file, what + ": expected an array" + (length >= 0 ? " of " + length : "")
                    + " of non-negative integers, got " + node);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new CheckpointException(file, what + ": expected non-negative integers, got " + node);
            }
            out[i] = v.asLong();
        }
        return out;
    }

    private static void checkLayout(List<Entry> entries, long dataBytes, Path file) throws CheckpointException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        Entry prev = null;
        for (Entry e : sorted) {
            if (e.end() > dataBytes) {
                throw new CheckpointException(file, "tensor '" + e.name() + "': data_offsets [" + e.begin() + ", "
                        + e.end() + "] are out of range: the data section has " + dataBytes + " bytes");
            }
            if (e.begin() < at) {
                throw new CheckpointException(file, "tensor '" + e.name() + "': data_offsets [" + e.begin() + ", "
                        + e.end() + "] overlap tensor '" + prev.name() + "' [" + prev.begin() + ", " + prev.end() + "]");
            }
            if (e.begin() > at) {
                throw new CheckpointException(file, "tensor '" + e.name() + "': data_offsets begin at " + e.begin()
                        + " but the previous tensor ends at " + at + " (the data section must have no holes)");
            }
            at = e.end();
            prev = e;
        }
        if (at != dataBytes) {
            throw new CheckpointException(file, "the data section has " + dataBytes + " bytes but the tensors cover "
                    + at + " (trailing bytes)");
        }
    }
}
