package dev.transfusion.param;

import dev.transfusion.tensor.Shape;
import java.util.Objects;

/**
 * A named parameter: hierarchical PyTorch-style name ({@code blocks.3.attn.wq.weight}), shape, initialiser, and
 * whether AdamW's weight decay applies (matrices yes; norm gains and biases no).
 */
public record ParamSpec(String name, Shape shape, Init init, boolean decay) {
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(init, "init");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
    }
}
