package dev.transfusion.data;

/** Which part of a dataset: the training examples or the held-out ones used for evaluation. */
public enum Split {
    /** Examples the model trains on. */
    TRAIN,
    /** Examples kept for evaluation; never equal to a training example. */
    HELD_OUT
}
