package dev.transfusion.tensor;

import java.util.Objects;

/** Where tensors live: {@code cpu} or {@code gpu:N}. */
public record Device(Kind kind, int index) {
    /** Device families. */
    public enum Kind { CPU, GPU }

    /** The host CPU. */
    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        Objects.requireNonNull(kind, "kind");
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0, got " + index);
        }
    }

    /** Parses {@code cpu}, {@code gpu}, or {@code gpu:N}; anything else is an error naming the text. */
    public static Device parse(String text) {
        Objects.requireNonNull(text, "device");
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("gpu") || t.equals("cuda")) {
            return new Device(Kind.GPU, 0);
        }
        if (t.startsWith("gpu:") || t.startsWith("cuda:")) {
            String n = t.substring(t.indexOf(':') + 1);
            try {
                return new Device(Kind.GPU, Integer.parseInt(n));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad device '" + text + "': expected cpu or gpu:N");
            }
        }
        throw new IllegalArgumentException("bad device '" + text + "': expected cpu or gpu:N");
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "gpu:" + index;
    }
}
