package dev.transfusion.core.config;

import dev.transfusion.plugin.ConfigException;
import java.util.Objects;

/**
 * A value that is out of range, thrown by a config record's constructor and naming the offending key; the loader
 * rethrows it with the file name, the key's full path and its line.
 */
public final class InvalidValueException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    /** Creates the exception for {@code key} (the YAML key, e.g. {@code min_lr}) and what is wrong with it. */
    public InvalidValueException(String key, String problem) {
        super(Objects.requireNonNull(key, "key") + ": " + Objects.requireNonNull(problem, "problem"));
        this.key = key;
        this.problem = problem;
    }

    /** The YAML key (snake_case) within its section. */
    public String key() {
        return key;
    }

    /** What is wrong, without the key. */
    public String problem() {
        return problem;
    }
}
