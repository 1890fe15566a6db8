package dev.transfusion.tensor;

/** Element type of a tensor. float32 is the working type; int32 holds ids and indices; bool holds masks. */
public enum DType {
    /** 32-bit IEEE float. */
    FLOAT32,
    /** 32-bit signed integer (token ids, gather indices). */
    INT32,
    /** Boolean (comparison results, masks). */
    BOOL
}
