package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Objects;
import org.tensorflow.Operand;

/** A symbolic tensor inside a trace: a graph {@link Operand} with its static shape and dtype. */
final class TfTensor implements Tensor {
    private final Operand<?> operand;
    private final Shape shape;
    private final DType dtype;
    private final TfTrace trace;

    TfTensor(Operand<?> operand, Shape shape, DType dtype, TfTrace trace) {
        this.operand = Objects.requireNonNull(operand, "operand");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.trace = Objects.requireNonNull(trace, "trace");
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    /** The graph operand. */
    Operand<?> operand() {
        return operand;
    }

    /** The trace that built this tensor. */
    TfTrace trace() {
        return trace;
    }

    @Override
    public String toString() {
        return "TfTensor" + shape + " " + dtype + " (" + operand.asOutput().name() + ")";
    }
}
