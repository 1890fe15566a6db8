package dev.transfusion.backend.tf;

import dev.transfusion.backend.Env;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.Objects;

/** What a program sees while it is traced: graph-building ops and parameter reads. */
final class TfEnv implements Env {
    private final TfTrace trace;
    private final TfOps ops;
    private final boolean training;

    TfEnv(TfTrace trace, boolean training) {
        this.trace = Objects.requireNonNull(trace, "trace");
        this.ops = new TfOps(trace);
        this.training = training;
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    public Tensor param(String name) {
        return trace.param(name);
    }

    @Override
    public boolean training() {
        return training;
    }
}
