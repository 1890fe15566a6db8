package dev.transfusion.plugin;

/**
 * A configuration problem, always naming where it is (file, key path, line when known) and what was expected, so
 * the message alone is enough to fix the file.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a complete, user-facing message. */
    public ConfigException(String message) {
        super(message);
    }

    /** Creates an exception with a complete, user-facing message and its cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
