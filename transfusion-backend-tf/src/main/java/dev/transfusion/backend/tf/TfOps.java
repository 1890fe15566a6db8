package dev.transfusion.backend.tf;

import dev.transfusion.tensor.ops.CreationOps;
import dev.transfusion.tensor.ops.MathOps;
import dev.transfusion.tensor.ops.NnOps;
import dev.transfusion.tensor.ops.Ops;
import dev.transfusion.tensor.ops.RandomOps;
import dev.transfusion.tensor.ops.ShapeOps;
import java.util.Objects;

/** The op surface of one trace: every op adds nodes to the backend's graph. */
final class TfOps implements Ops {
    private final CreationOps create;
    private final MathOps math;
    private final ShapeOps shape;
    private final NnOps nn;
    private final RandomOps random;

    TfOps(TfTrace trace) {
        Objects.requireNonNull(trace, "trace");
        this.create = new TfCreationOps(trace);
        this.math = new TfMathOps(trace);
        this.shape = new TfShapeOps(trace);
        this.random = new TfRandomOps(trace);
        this.nn = new TfNnOps(this, trace);
    }

    @Override
    public CreationOps create() {
        return create;
    }

    @Override
    public MathOps math() {
        return math;
    }

    @Override
    public ShapeOps shape() {
        return shape;
    }

    @Override
    public NnOps nn() {
        return nn;
    }

    @Override
    public RandomOps random() {
        return random;
    }
}
