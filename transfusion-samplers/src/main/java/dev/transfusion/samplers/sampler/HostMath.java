package dev.transfusion.samplers.sampler;

import java.util.Random;

/** Element-wise helpers over {@code float[]} used by the samplers (computed in double, stored as float). */
final class HostMath {
    private HostMath() {
    }

    /** Clamps every element to {@code [−limit, limit]} in place; {@code limit <= 0} leaves the array untouched. */
    static void clip(float[] x, double limit) {
        if (limit <= 0) {
            return;
        }
        float hi = (float) limit;
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-hi, Math.min(hi, x[i]));
        }
    }

    /** {@code a·x + b·y}, plus {@code c·z} with fresh standard normals z from {@code rng} when {@code c != 0}. */
    static float[] combine(double a, float[] x, double b, float[] y, double c, Random rng) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            double v = a * x[i] + b * y[i];
            if (c != 0.0) {
                v += c * rng.nextGaussian();
            }
            out[i] = (float) v;
        }
        return out;
    }
}
