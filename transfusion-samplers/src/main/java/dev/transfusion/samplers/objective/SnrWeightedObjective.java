package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.Coefficients;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.SnrWeighting;
import java.util.Objects;

/** An objective whose images are weighted in the loss by an {@link SnrWeighting}; everything else is delegated. */
final class SnrWeightedObjective implements DiffusionObjective {
    private final DiffusionObjective inner;
    private final SnrWeighting weighting;

    SnrWeightedObjective(DiffusionObjective inner, SnrWeighting weighting) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.weighting = Objects.requireNonNull(weighting, "weighting");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Family family() {
        return inner.family();
    }

    @Override
    public int timesteps() {
        return inner.timesteps();
    }

    @Override
    public Coefficients coefficients(int t) {
        return inner.coefficients(t);
    }

    @Override
    public double modelTime(int t) {
        return inner.modelTime(t);
    }

    @Override
    public double lossWeight(int t) {
        return weighting.weight(inner.coefficients(t));
    }

    @Override
    public String toString() {
        return inner + " weighted by clamp(SNR, " + weighting.floor() + ", " + weighting.cap() + ")";
    }
}
