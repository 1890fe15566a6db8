package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.Coefficients;
import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.tensor.HostTensor;

/** A perfect model that knows x0: for the current x_t it returns the exact regression target. */
final class OracleDenoiser implements Denoiser {
    private final DiffusionObjective objective;
    private final float[] x0;
    int calls;

    OracleDenoiser(DiffusionObjective objective, float[] x0) {
        this.objective = objective;
        this.x0 = x0;
    }

    @Override
    public HostTensor predict(HostTensor xt, int t) {
        calls++;
        Coefficients c = objective.coefficients(t);
        float[] x = xt.floats();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double eps = (x[i] - c.signal() * x0[i]) / c.noise(); // the ε that makes x_t from x0
            out[i] = (float) (c.targetSignal() * x0[i] + c.targetNoise() * eps);
        }
        return HostTensor.floats(xt.shape(), out);
    }
}
