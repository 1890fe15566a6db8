package dev.transfusion.diffusion;

import java.util.Objects;

/** What a model output says about the clean sample and the noise: estimates of x0 and ε, same length as x_t. */
public record Prediction(float[] x0, float[] eps) {
    /** Checks that both estimates are present and of equal length. */
    public Prediction {
        Objects.requireNonNull(x0, "x0");
        Objects.requireNonNull(eps, "eps");
        if (x0.length != eps.length) {
            throw new IllegalArgumentException("x0 has " + x0.length + " elements but eps has " + eps.length);
        }
    }

    /** The flow velocity {@code ε − x0} implied by this prediction. */
    public float[] velocity() {
        float[] v = new float[x0.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = eps[i] - x0[i];
        }
        return v;
    }
}
