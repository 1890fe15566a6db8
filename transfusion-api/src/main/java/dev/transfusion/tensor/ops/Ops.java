package dev.transfusion.tensor.ops;

/**
 * The op surface model code is written against, grouped by concern (as Keras 3 groups its backend files).
 * Inside a traced program ops may build a graph instead of computing, so no op result is read in Java.
 */
public interface Ops {
    /** Constants, zeros, ranges. */
    CreationOps create();

    /** Elementwise math, matmul, reductions, comparisons. */
    MathOps math();

    /** Reshape, transpose, concat, slice, gather. */
    ShapeOps shape();

    /** Neural-network ops: softmax, norms, activations, convolutions, attention, RoPE. */
    NnOps nn();

    /** Seeded random numbers (the seed is a tensor so a traced program draws fresh numbers each run). */
    RandomOps random();
}
