package dev.transfusion.core.train;

import dev.transfusion.core.model.BatchKeys;
import dev.transfusion.core.model.RotaryPositions;
import dev.transfusion.core.sequence.PackedSequences;
import dev.transfusion.core.sequence.PlacedImage;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Turns packed sequences into the model's input tensors: draws each image's own {@code t} (from the configured
 * {@link TimestepSampling}, or uniform up to the cap under noise limiting when text follows the image) and
 * {@code ε ~ N(0, I)}, computes {@code x_t} (from a blurred image under {@link InputBlur}) and the objective's target
 * (always from the sharp image) on the host, and adds the attention mask and RoPE tables.
 */
public final class BatchBuilder {
    private static final TimestepSampling UNIFORM = new TimestepSampling.Uniform();

    private final DiffusionObjective objective;
    private final TimestepSampling sampling;
    private final NoiseLimit noiseLimit;
    private final InputBlur inputBlur;
    private final AttentionMask mask;
    private final LatentGeometry latent;
    private final int patchesPerImage;
    private final RotaryPositions rotary;
    /** The tables every row shares when patches take raster positions, else null (built per batch). */
    private final HostTensor[] rope;

    /** A builder for the given objective, timestep sampling, noise limit, input blur, mask plugin and geometry. */
    public BatchBuilder(DiffusionObjective objective, TimestepSampling sampling, NoiseLimit noiseLimit,
                        InputBlur inputBlur, AttentionMask mask, LatentGeometry latent, int patchesPerImage, int seqLen,
                        RotaryPositions rotary) {
        this.objective = objective;
        this.sampling = Objects.requireNonNull(sampling, "sampling");
        this.noiseLimit = noiseLimit;
        this.inputBlur = Objects.requireNonNull(inputBlur, "inputBlur");
        this.mask = mask;
        this.latent = latent;
        this.patchesPerImage = patchesPerImage;
        this.rotary = rotary;
        this.rope = rotary.perRow() ? null : rotary.sequence(seqLen);
    }

    /**
     * The timestep drawn for an image: from the timestep sampling over 1..T, or (the paper's noise limiting, for a
     * caption that should see a recognisable image) uniform over 1..maxT.
     */
    public int drawTimestep(boolean textFollows, Random rng) {
        int timesteps = objective.timesteps();
        if (textFollows && rng.nextDouble() < noiseLimit.probability()) {
            return UNIFORM.draw(Math.min(timesteps, noiseLimit.maxT()), rng);
        }
        return sampling.draw(timesteps, rng);
    }

    /** Builds the input map; all randomness comes from {@code rng}. */
    public Map<String, HostTensor> build(PackedSequences packed, Random rng) {
        int b = packed.layout().rows();
        int l = packed.layout().length();
        int ni = packed.imageSlots();
        int e = latent.elements();
        float[] noisy = new float[ni * e];
        float[] target = new float[ni * e];
        float[] time = new float[ni];
        float[] weight = new float[ni];
        float[] eps = new float[e];
        float[] out = new float[e];
        for (PlacedImage img : packed.images()) {
            float[] x0 = img.image().latent().floats();
            if (x0.length != e) {
                throw new IllegalArgumentException("image latent has " + x0.length + " values, expected " + e
                        + " for " + latent);
            }
            int t = drawTimestep(img.textFollows(), rng);
            for (int i = 0; i < e; i++) {
                eps[i] = (float) rng.nextGaussian();
            }
            float[] seen = inputBlur.apply(x0, latent.channels(), latent.size(), img.textFollows(), rng);
            objective.noisy(seen, eps, t, out);
            System.arraycopy(out, 0, noisy, img.slot() * e, e);
            objective.target(x0, eps, t, out);
            System.arraycopy(out, 0, target, img.slot() * e, e);
            time[img.slot()] = (float) objective.modelTime(t);
            weight[img.slot()] = (float) objective.lossWeight(t);
        }
        Shape img = Shape.of(ni, latent.channels(), latent.size(), latent.size());
        Map<String, HostTensor> in = new HashMap<>();
        in.put(BatchKeys.TOKENS, HostTensor.ints(Shape.of(b, l), packed.tokens()));
        in.put(BatchKeys.SOURCE, HostTensor.ints(Shape.of(b, l), packed.source()));
        in.put(BatchKeys.PATCH_ROWS, HostTensor.ints(Shape.of(ni, patchesPerImage), packed.patchRows()));
        in.put(BatchKeys.NOISY, HostTensor.floats(img, noisy));
        in.put(BatchKeys.TARGET, HostTensor.floats(img, target));
        in.put(BatchKeys.TIME, HostTensor.floats(Shape.of(ni), time));
        in.put(BatchKeys.IMAGE_WEIGHT, HostTensor.floats(Shape.of(ni), weight));
        in.put(BatchKeys.TEXT_TARGETS, HostTensor.ints(Shape.of(b, l), packed.textTargets()));
        in.put(BatchKeys.TEXT_MASK, HostTensor.floats(Shape.of(b, l), packed.textMask()));
        in.put(BatchKeys.MASK, mask.build(packed.layout()));
        HostTensor[] tables = rope != null ? rope : rotary.forLayout(packed.layout(), patchesPerImage);
        in.put(BatchKeys.ROPE_COS, tables[0]);
        in.put(BatchKeys.ROPE_SIN, tables[1]);
        return in;
    }
}
