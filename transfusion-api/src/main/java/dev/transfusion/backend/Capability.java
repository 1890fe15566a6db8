package dev.transfusion.backend;

/** Optional features a backend may claim; model code checks before relying on one. */
public enum Capability {
    /** Computes gradients (training). */
    AUTOGRAD,
    /** Runs ops eagerly, one at a time. */
    EAGER,
    /** Traces programs into a graph once per input signature, then runs the graph. */
    GRAPH,
    /** Can place tensors on a GPU (when one is present). */
    GPU
}
