package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.RandomOps;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Stateless random ops (StatelessRandomNormal/Uniform): the int32[2] seed tensor fully determines the draw. */
final class TfRandomOps implements RandomOps {
    private final TfTrace t;

    TfRandomOps(TfTrace trace) {
        this.t = Objects.requireNonNull(trace, "trace");
    }

    private Operand<TInt32> seed(Tensor seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.dtype() != DType.INT32 || !seed.shape().equals(Shape.of(2))) {
            throw new IllegalArgumentException("random seed must be an INT32 tensor of shape [2], got " + seed.shape()
                    + " " + seed.dtype());
        }
        return t.op(seed);
    }

    @Override
    public Tensor normal(Shape shape, Tensor seed) {
        Objects.requireNonNull(shape, "shape");
        return t.wrap(t.tf().random.statelessRandomNormal(t.ints(shape.dims()), seed(seed), TFloat32.class));
    }

    @Override
    public Tensor uniform(Shape shape, Tensor seed) {
        Objects.requireNonNull(shape, "shape");
        return t.wrap(t.tf().random.statelessRandomUniform(t.ints(shape.dims()), seed(seed), TFloat32.class));
    }
}
