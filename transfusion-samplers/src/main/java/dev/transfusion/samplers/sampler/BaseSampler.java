package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.Prediction;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.Objects;

/** Shared state of the built-in samplers: name, family, visited timesteps, guidance and the model call. */
abstract class BaseSampler implements Sampler {
    private final String name;
    private final Family family;
    private final DiffusionObjective objective;
    private final int[] timesteps;
    private final SamplerParams params;

    BaseSampler(String name, Family family, DiffusionObjective objective, SamplerParams params) {
        this.name = Objects.requireNonNull(name, "name");
        this.family = Objects.requireNonNull(family, "family");
        this.objective = Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(params, "params");
        if (objective.family() != family) {
            throw new IllegalArgumentException("sampler '" + name + "' needs a " + family + " objective, got '"
                    + objective.name() + "' (" + objective.family() + ")");
        }
        this.timesteps = params.timesteps(objective.timesteps());
        this.params = params;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Family family() {
        return family;
    }

    @Override
    public final int[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public final double guidance() {
        return params.guidance();
    }

    @Override
    public final boolean guidedAt(int t) {
        return params.guidedAt(t, objective.timesteps());
    }

    /** The objective whose outputs the model produces. */
    final DiffusionObjective objective() {
        return objective;
    }

    /** The visited timestep at {@code index}, checking the index. */
    final int timestepAt(int index) {
        if (index < 0 || index >= timesteps.length) {
            throw new IndexOutOfBoundsException("step index " + index + " outside [0, " + timesteps.length + ")");
        }
        return timesteps[index];
    }

    /** The timestep after {@code index}: the next visited one, or 0 after the last. */
    final int nextTimestep(int index) {
        return index + 1 < timesteps.length ? timesteps[index + 1] : 0;
    }

    /** Calls the model at {@code (x, t)} and reads its output as (x0, ε) through the objective. */
    final Prediction predict(Denoiser model, HostTensor x, int t) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(x, "sample");
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("sample must be FLOAT32, got " + x.dtype());
        }
        HostTensor out = model.predict(x, t);
        if (out == null || !out.shape().equals(x.shape()) || out.dtype() != DType.FLOAT32) {
            throw new IllegalStateException("denoiser returned " + out + " at t=" + t + ", expected FLOAT32 "
                    + x.shape());
        }
        return objective.interpret(out.floats(), x.floats(), t);
    }

    @Override
    public String toString() {
        return name + "(objective=" + objective.name() + ", steps=" + timesteps.length + ", guidance=" + params.guidance()
                + ")";
    }
}
