package dev.transfusion.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.core.mask.TransfusionMask;
import dev.transfusion.core.model.BatchKeys;
import dev.transfusion.core.model.PatchPositions;
import dev.transfusion.core.model.RotaryPositions;
import dev.transfusion.core.sequence.Document;
import dev.transfusion.core.sequence.PackedSequences;
import dev.transfusion.core.sequence.Segment;
import dev.transfusion.core.sequence.SequencePacker;
import dev.transfusion.diffusion.Coefficients;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {
    /** ε-prediction on a linear-in-t toy schedule ᾱ(t) = 1 − t/T, so expected values are easy to write down. */
    static class ToyEpsilon implements DiffusionObjective {
        @Override
        public String name() {
            return "epsilon";
        }

        @Override
        public Family family() {
            return Family.DDPM;
        }

        @Override
        public int timesteps() {
            return 1000;
        }

        @Override
        public Coefficients coefficients(int t) {
            double ab = 1.0 - t / 1000.0;
            return new Coefficients(Math.sqrt(ab), Math.sqrt(1 - ab), 0, 1);
        }
    }

    static final DiffusionObjective EPS = new ToyEpsilon();

    static BatchBuilder builder(double limitProbability) {
        return builder(EPS, limitProbability);
    }

    static BatchBuilder builder(DiffusionObjective objective, double limitProbability) {
        return builder(objective, new TimestepSampling.Uniform(), limitProbability);
    }

    static BatchBuilder builder(DiffusionObjective objective, TimestepSampling sampling, double limitProbability) {
        return new BatchBuilder(objective, sampling, new NoiseLimit(500, limitProbability), InputBlur.OFF,
                new TransfusionMask(),
                new LatentGeometry(1, 2), 4, 16, new RotaryPositions(4, 10000, PatchPositions.RASTER));
    }

    static final HostTensor X0 = HostTensor.floats(Shape.of(1, 2, 2), new float[] {0.5f, -0.5f, 1f, 0f});

    /** One row holding one document with two images of {@link #X0}. */
    static PackedSequences twoImages() {
        Document d = new Document(List.of(new Segment.Text(new int[] {1}), new Segment.Image(X0, false, null),
                new Segment.Image(X0, false, null), new Segment.Text(new int[] {2})));
        return new SequencePacker(1, 16, 4, 0).pack(new ArrayDeque<>(List.of(d)));
    }

    @Test
    void noiseLimitingCapsTOnlyWhenTextFollowsTheImage() {
        BatchBuilder b = builder(0.8);
        Random rng = new Random(1);
        int n = 20000;
        int lowAfter = 0;
        int lowBefore = 0;
        for (int i = 0; i < n; i++) {
            int tCaptionFollows = b.drawTimestep(true, rng);
            int tCaptionBefore = b.drawTimestep(false, rng);
            assertThat(tCaptionFollows).isBetween(1, 1000);
            assertThat(tCaptionBefore).isBetween(1, 1000);
            lowAfter += tCaptionFollows <= 500 ? 1 : 0;
            lowBefore += tCaptionBefore <= 500 ? 1 : 0;
        }
        assertThat(lowAfter / (double) n).isCloseTo(0.8 + 0.2 * 0.5, within(0.015));
        assertThat(lowBefore / (double) n).isCloseTo(0.5, within(0.015));
    }

    @Test
    void eachImageGetsItsOwnTimestepAndConsistentNoisyTarget() {
        Map<String, HostTensor> in = builder(0).build(twoImages(), new Random(3));
        float[] time = in.get(BatchKeys.TIME).floats();
        float[] w = in.get(BatchKeys.IMAGE_WEIGHT).floats();
        assertThat(w[0]).isEqualTo(1f);
        assertThat(w[1]).isEqualTo(1f);
        assertThat(time[0]).isNotEqualTo(time[1]);
        float[] noisy = in.get(BatchKeys.NOISY).floats();
        float[] target = in.get(BatchKeys.TARGET).floats();
        for (int img = 0; img < 2; img++) {
            double ab = 1 - time[img] / 1000.0;
            for (int i = 0; i < 4; i++) {
                double expected = Math.sqrt(ab) * X0.floats()[i] + Math.sqrt(1 - ab) * target[img * 4 + i];
                assertThat((double) noisy[img * 4 + i]).isCloseTo(expected, within(1e-5));
            }
        }
        // Empty image slots carry no weight.
        for (int i = 2; i < w.length; i++) {
            assertThat(w[i]).isZero();
        }
    }

    @Test
    void inputBlurNoisesABlurredCopyOfACaptionFirstImageOnly() {
        // the first image is generated from its caption; the second is captioned (its caption follows it)
        Document d = new Document(List.of(new Segment.Text(new int[] {1}), new Segment.Image(X0, false, null),
                new Segment.Image(X0, true, null), new Segment.Text(new int[] {2})));
        BatchBuilder b = new BatchBuilder(EPS, new TimestepSampling.Uniform(), new NoiseLimit(500, 0),
                new InputBlur(1, 1, 1), new TransfusionMask(), new LatentGeometry(1, 2), 4, 16,
                new RotaryPositions(4, 10000, PatchPositions.RASTER));
        Map<String, HostTensor> in = b.build(new SequencePacker(1, 16, 4, 0).pack(new ArrayDeque<>(List.of(d))),
                new Random(5));
        float[] time = in.get(BatchKeys.TIME).floats();
        float[] noisy = in.get(BatchKeys.NOISY).floats();
        float[] eps = in.get(BatchKeys.TARGET).floats();
        float[] blurred = GaussianBlur.blur(X0.floats(), 1, 2, 1.0);
        assertThat(blurred).isNotEqualTo(X0.floats());
        for (int img = 0; img < 2; img++) {
            float[] seen = img == 0 ? blurred : X0.floats();
            double ab = 1 - time[img] / 1000.0;
            for (int i = 0; i < 4; i++) {
                double expected = Math.sqrt(ab) * seen[i] + Math.sqrt(1 - ab) * eps[img * 4 + i];
                assertThat((double) noisy[img * 4 + i]).as("image %d value %d", img, i)
                        .isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void eachImageIsWeightedByTheObjectivesLossWeightAtItsTimestep() {
        DiffusionObjective weighted = new ToyEpsilon() {
            @Override
            public double lossWeight(int t) {
                return t / 100.0;
            }
        };
        Map<String, HostTensor> in = builder(weighted, 0).build(twoImages(), new Random(3));
        float[] time = in.get(BatchKeys.TIME).floats();
        float[] w = in.get(BatchKeys.IMAGE_WEIGHT).floats();
        for (int img = 0; img < 2; img++) {
            assertThat((double) w[img]).isCloseTo(time[img] / 100.0, within(1e-5));
        }
        for (int i = 2; i < w.length; i++) {
            assertThat(w[i]).isZero();
        }
    }
}
