package dev.transfusion.core.config;

/** Range checks used by the config records' constructors; each failure names the YAML key and the value. */
final class Checks {
    private Checks() {
    }

    static int positive(String key, int value) {
        if (value <= 0) {
            throw new InvalidValueException(key, "expected an integer > 0, got " + value);
        }
        return value;
    }

    static int nonNegative(String key, int value) {
        if (value < 0) {
            throw new InvalidValueException(key, "expected an integer >= 0, got " + value);
        }
        return value;
    }

    static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new InvalidValueException(key, "expected an integer >= " + min + ", got " + value);
        }
        return value;
    }

    static double finite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidValueException(key, "expected a finite number, got " + value);
        }
        return value;
    }

    static double positive(String key, double value) {
        if (!(finite(key, value) > 0)) {
            throw new InvalidValueException(key, "expected a number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String key, double value) {
        if (!(finite(key, value) >= 0)) {
            throw new InvalidValueException(key, "expected a number >= 0, got " + value);
        }
        return value;
    }

    static double probability(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidValueException(key, "expected a probability in [0, 1], got " + value);
        }
        return value;
    }

    static double halfOpenUnit(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidValueException(key, "expected a number in [0, 1), got " + value);
        }
        return value;
    }

    static <T> T present(String key, T value) {
        if (value == null) {
            throw new InvalidValueException(key, "is required");
        }
        return value;
    }
}
