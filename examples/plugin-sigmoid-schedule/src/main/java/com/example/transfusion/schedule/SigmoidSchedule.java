package com.example.transfusion.schedule;

import dev.transfusion.diffusion.NoiseSchedule;

/**
 * The sigmoid schedule of Jabri et al. (2023): ᾱ(t) = (σ(−(τ·(end−start)+start)/T_s) − v_end) / (v_start − v_end)
 * normalised so that ᾱ(0) = 1, with τ = t/T; {@code start=-3, end=3, tau=1} by default.
 */
public final class SigmoidSchedule implements NoiseSchedule {
    private final int timesteps;
    private final double start;
    private final double end;
    private final double temperature;

    /** A schedule over {@code timesteps} steps. */
    public SigmoidSchedule(int timesteps, double start, double end, double temperature) {
        this.timesteps = timesteps;
        this.start = start;
        this.end = end;
        this.temperature = temperature;
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public int timesteps() {
        return timesteps;
    }

    @Override
    public double alphaBar(int t) {
        checkTimestep(t);
        double vStart = sigmoid(start / temperature);
        double vEnd = sigmoid(end / temperature);
        double tau = (double) t / timesteps;
        double v = sigmoid((tau * (end - start) + start) / temperature);
        double a = (vEnd - v) / (vEnd - vStart);
        return Math.min(1.0, Math.max(1e-5, a));
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
