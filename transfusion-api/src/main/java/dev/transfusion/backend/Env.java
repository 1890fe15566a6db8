package dev.transfusion.backend;

import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;

/** What a program sees while it runs (eager) or is traced (graph): the ops and the parameters. */
public interface Env {
    /** The op surface. */
    Ops ops();

    /** The current value of parameter {@code name} (differentiable inside a training step). */
    Tensor param(String name);

    /** True inside a training step (dropout active), false for inference. */
    boolean training();
}
