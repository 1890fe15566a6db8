package dev.transfusion.param;

import dev.transfusion.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Collects parameter specs while a model is built; {@link #child} scopes names hierarchically the way PyTorch's
 * module tree does, so checkpoints use familiar names.
 */
public final class ParamBuilder {
    private final String prefix;
    private final List<ParamSpec> sink;

    /** A root builder. */
    public ParamBuilder() {
        this("", new ArrayList<>());
    }

    private ParamBuilder(String prefix, List<ParamSpec> sink) {
        this.prefix = prefix;
        this.sink = sink;
    }

    /** A builder whose parameters are named {@code <prefix>.<name>.*}. */
    public ParamBuilder child(String name) {
        Objects.requireNonNull(name, "name");
        return new ParamBuilder(qualify(name), sink);
    }

    /** Registers a parameter and returns its full name; a repeated name is an error. */
    public String param(String name, Shape shape, Init init, boolean decay) {
        String full = qualify(name);
        for (ParamSpec s : sink) {
            if (s.name().equals(full)) {
                throw new IllegalStateException("parameter registered twice: " + full);
            }
        }
        sink.add(new ParamSpec(full, shape, init, decay));
        return full;
    }

    /** Everything registered through this builder's tree so far. */
    public List<ParamSpec> specs() {
        return Collections.unmodifiableList(sink);
    }

    private String qualify(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
