package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.transfusion.tensor.ops.CreationOps;
import dev.transfusion.tensor.ops.MathOps;
import dev.transfusion.tensor.ops.NnOps;
import dev.transfusion.tensor.ops.Ops;
import dev.transfusion.tensor.ops.RandomOps;
import dev.transfusion.tensor.ops.ShapeOps;
import java.util.Objects;

/**
 * The op surface for one program run: every tensor it creates lives in {@link #manager()}, the run's child
 * NDManager, which is closed when the run ends.
 */
public final class DjlOps implements Ops {
    private final NDManager manager;
    private final DjlCreationOps create;
    private final DjlMathOps math;
    private final DjlShapeOps shape;
    private final DjlNnOps nn;
    private final DjlRandomOps random;

    /** Ops whose new tensors are owned by {@code manager}. */
    public DjlOps(NDManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.create = new DjlCreationOps(this);
        this.math = new DjlMathOps(this);
        this.shape = new DjlShapeOps(this);
        this.random = new DjlRandomOps(this);
        this.nn = new DjlNnOps(this);
    }

    /** The NDManager owning tensors made by these ops. */
    public NDManager manager() {
        return manager;
    }

    /** Wraps an array made by an op. */
    DjlTensor wrap(NDArray array) {
        return new DjlTensor(array);
    }

    /** A float32 scalar owned by this run (DJL's Number overloads would make float64 scalars). */
    NDArray scalar(double value) {
        return manager.create((float) value);
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

    /** Maps a possibly negative axis into {@code [0, rank)}, naming the op on failure. */
    static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }
}
