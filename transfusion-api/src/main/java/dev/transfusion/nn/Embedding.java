package dev.transfusion.nn;

import dev.transfusion.backend.Env;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;

/** A lookup table {@code (vocab, dim)} indexed by int32 ids. */
public final class Embedding {
    private final String weight;

    /** Registers {@code <name>.weight} with N(0, 1), so embeddings start at unit RMS before the first norm. */
    public Embedding(ParamBuilder params, String name, int vocab, int dim) {
        this.weight = params.child(name).param("weight", Shape.of(vocab, dim), new Init.Normal(1.0), false);
    }

    /** {@code ids (...) -> (..., dim)}. */
    public Tensor forward(Env env, Tensor ids) {
        return env.ops().shape().gather(env.param(weight), ids, 0);
    }

    /** The table itself (for a tied output head). */
    public Tensor table(Env env) {
        return env.param(weight);
    }

    /** The parameter name of the table. */
    public String weightName() {
        return weight;
    }
}
