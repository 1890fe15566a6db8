package dev.transfusion.core.config;

import java.util.Map;
import java.util.Objects;

/**
 * Config keys that were removed because they never changed anything. A config written by an older version (every
 * run folder's {@code config.yaml} lists all keys) still loads when such a key holds its old no-op value; any other
 * value is an error that says the key is gone and why, instead of being accepted and ignored.
 */
final class RemovedKeys {
    /** A removed key: the value that meant "off", and why it was removed. */
    private record Removed(Object noOpValue, String why) {
    }

    private static final Map<String, Removed> REMOVED = Map.of(
            "model.dropout", new Removed(0.0, "no layer ever applied dropout"),
            "model.time_embed_dim", new Removed(0, "the timestep embedding always had the model's width"));

    private RemovedKeys() {
    }

    /** True when {@code path} is a removed key. */
    static boolean isRemoved(String path) {
        return REMOVED.containsKey(path);
    }

    /**
     * Null when {@code value} at the removed key {@code path} is its no-op value (the key is then skipped), else the
     * problem to report.
     */
    static String problem(String path, Object value) {
        Removed r = Objects.requireNonNull(REMOVED.get(path), path);
        boolean noOp = value instanceof Number n && r.noOpValue() instanceof Number d
                ? n.doubleValue() == d.doubleValue() : Objects.equals(value, r.noOpValue());
        return noOp ? null : "this key was removed because it had no effect (" + r.why() + "); delete it";
    }
}
