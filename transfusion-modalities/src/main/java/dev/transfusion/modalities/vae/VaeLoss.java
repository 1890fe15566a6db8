package dev.transfusion.modalities.vae;

import dev.transfusion.backend.Env;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.MathOps;
import dev.transfusion.tensor.ops.Ops;
import java.util.Map;
import java.util.Objects;

/**
 * The VAE objective as a program: reconstruction (MSE or L1 in [-1, 1] pixel space, per-element mean) of a
 * reparameterised sample {@code z = μ + σ·ε}, plus {@code klWeight ×} the KL divergence to N(0, I) averaged per
 * latent element. Inputs {@code images (N, C, H, W)} in [0, 1] and an int32[2] {@code seed}; outputs
 * {@code loss}, {@code rec}, {@code kl}.
 */
public final class VaeLoss implements TensorFunction {
    /** Input name of the pixel batch. */
    public static final String IMAGES = "images";
    /** Input name of the noise seed. */
    public static final String SEED = "seed";

    private final VaeModel model;
    private final double klWeight;
    private final boolean l1;

    /** The loss of {@code model}; {@code l1} chooses L1 instead of MSE reconstruction. */
    public VaeLoss(VaeModel model, double klWeight, boolean l1) {
        this.model = Objects.requireNonNull(model, "model");
        if (klWeight < 0) {
            throw new IllegalArgumentException("klWeight must be >= 0, got " + klWeight);
        }
        this.klWeight = klWeight;
        this.l1 = l1;
    }

    @Override
    public Map<String, Tensor> apply(Env env, Map<String, Tensor> in) {
        Ops ops = env.ops();
        MathOps m = ops.math();
        Tensor images = Objects.requireNonNull(in.get(IMAGES), "input 'images'");
        VaeModel.Moments mom = model.encode(env, images); // (N, L, h, w) each
        Tensor eps = ops.random().normal(mom.mean().shape(), Objects.requireNonNull(in.get(SEED), "input 'seed'"));
        Tensor z = m.add(mom.mean(), m.mul(m.exp(m.mul(mom.logVar(), 0.5)), eps));
        Tensor recon = model.decode(env, z); // (N, C, H, W) in [-1, 1] space
        Tensor diff = m.sub(recon, m.add(m.mul(images, 2.0), -1.0));
        Tensor rec = m.mean(l1 ? m.abs(diff) : m.square(diff), false);
        // KL(N(μ, σ²) || N(0, 1)) = ½(μ² + σ² − 1 − log σ²), averaged per latent element
        Tensor klTerms = m.sub(m.add(m.square(mom.mean()), m.exp(mom.logVar())), m.add(mom.logVar(), 1.0));
        Tensor kl = m.mul(m.mean(klTerms, false), 0.5);
        Tensor loss = m.add(rec, m.mul(kl, klWeight));
        return Map.of("loss", loss, "rec", rec, "kl", kl);
    }
}
