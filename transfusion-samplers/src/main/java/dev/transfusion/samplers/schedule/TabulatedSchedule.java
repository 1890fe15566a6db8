package dev.transfusion.samplers.schedule;

import dev.transfusion.diffusion.NoiseSchedule;
import java.util.Arrays;
import java.util.Objects;

/**
 * A noise schedule given by its betas {@code β_1..β_T}; {@code ᾱ(t) = Π_{s≤t} (1 − β_s)} is accumulated once in
 * double precision, with {@code ᾱ(0) = 1}.
 */
public final class TabulatedSchedule implements NoiseSchedule {
    private final String name;
    private final double[] betas; // index t, betas[0] = 0
    private final double[] alphaBars; // index t, alphaBars[0] = 1

    /** A schedule named {@code name} over {@code betas[i] = β_{i+1}}, each in (0, 1). */
    public TabulatedSchedule(String name, double[] betas) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(betas, "betas");
        if (betas.length == 0) {
            throw new IllegalArgumentException("schedule '" + name + "' needs at least one timestep");
        }
        int steps = betas.length;
        this.betas = new double[steps + 1];
        this.alphaBars = new double[steps + 1];
        alphaBars[0] = 1.0;
        for (int t = 1; t <= steps; t++) {
            double b = betas[t - 1];
            if (!(b > 0.0 && b < 1.0)) {
                throw new IllegalArgumentException("schedule '" + name + "': beta(" + t + ") = " + b
                        + " is outside (0, 1)");
            }
            this.betas[t] = b;
            alphaBars[t] = alphaBars[t - 1] * (1.0 - b);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int timesteps() {
        return betas.length - 1;
    }

    @Override
    public double alphaBar(int t) {
        checkTimestep(t);
        return alphaBars[t];
    }

    @Override
    public double beta(int t) {
        checkTimestep(t);
        return betas[t];
    }

    @Override
    public String toString() {
        return name + "(T=" + timesteps() + ", alphaBar(T)=" + alphaBars[timesteps()] + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TabulatedSchedule s && s.name.equals(name) && Arrays.equals(s.betas, betas);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(betas);
    }
}
