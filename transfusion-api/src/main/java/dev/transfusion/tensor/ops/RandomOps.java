package dev.transfusion.tensor.ops;

import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;

/**
 * Random numbers from an explicit seed. The seed is an int32 tensor of shape [2] so a traced program draws new
 * numbers whenever it is fed a new seed; the same seed gives the same numbers on the same backend.
 */
public interface RandomOps {
    /** Standard normal float32 samples. */
    Tensor normal(Shape shape, Tensor seed);

    /** Uniform float32 samples in {@code [0, 1)}. */
    Tensor uniform(Shape shape, Tensor seed);
}
