package dev.transfusion.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.data.Split;
import dev.transfusion.data.shapes.ShapesDataset;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The default FD features: fixed, deterministic, and able to tell image distributions apart. */
class RandomConvFeaturesTest {
    private final ShapesDataset shapes = new ShapesDataset(16, 1, 1, 11, 1000, 100);

    @Test
    void featuresAreDeterministicAndSeeded() {
        HostTensor img = shapes.get(Split.HELD_OUT, 0).image();
        double[] a = new RandomConvFeatures().features(img);
        double[] b = new RandomConvFeatures().features(img);
        assertThat(a).hasSize(128).containsExactly(b);
        assertThat(new RandomConvFeatures(99).features(img)).isNotEqualTo(a);
        assertThat(new RandomConvFeatures().name()).contains("random conv").contains("seed 1234");
    }

    @Test
    void greyImagesAreTreatedAsRgbWithEqualChannels() {
        float[] grey = new float[16 * 16];
        float[] rgb = new float[3 * 16 * 16];
        Random rng = new Random(1);
        for (int i = 0; i < grey.length; i++) {
            grey[i] = rng.nextFloat();
            rgb[i] = rgb[256 + i] = rgb[512 + i] = grey[i];
        }
        RandomConvFeatures f = new RandomConvFeatures();
        assertThat(f.features(HostTensor.floats(Shape.of(1, 16, 16), grey)))
                .containsExactly(f.features(HostTensor.floats(Shape.of(3, 16, 16), rgb)));
    }

    /**
     * The grid pooling keeps position: a shape in the left half and the same shape mirrored to the right give
     * different features, while the global mean over the grid cells is nearly the same.
     */
    @Test
    void featuresSeePosition() {
        HostTensor img = shapes.get(Split.HELD_OUT, 3).image();
        float[] x = img.floats();
        float[] m = new float[x.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 16; y++) {
                for (int i = 0; i < 16; i++) {
                    m[c * 256 + y * 16 + i] = x[c * 256 + y * 16 + 15 - i];
                }
            }
        }
        RandomConvFeatures f = new RandomConvFeatures();
        assertThat(f.features(HostTensor.floats(img.shape(), m))).isNotEqualTo(f.features(img));
    }

    /** FD between two samples of the shapes data is far below FD between shapes and uniform noise. */
    @Test
    void fdSeparatesDistributions() {
        RandomConvFeatures f = new RandomConvFeatures();
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<double[]> noise = new ArrayList<>();
        Random rng = new Random(5);
        for (int i = 0; i < 60; i++) {
            a.add(f.features(shapes.get(Split.TRAIN, i).image()));
            b.add(f.features(shapes.get(Split.HELD_OUT, i).image()));
            float[] n = new float[3 * 16 * 16];
            for (int j = 0; j < n.length; j++) {
                n[j] = rng.nextFloat();
            }
            noise.add(f.features(HostTensor.floats(Shape.of(3, 16, 16), n)));
        }
        double same = FrechetDistance.between(GaussianStats.of(a), GaussianStats.of(b));
        double other = FrechetDistance.between(GaussianStats.of(a), GaussianStats.of(noise));
        assertThat(same).isGreaterThanOrEqualTo(-1e-6);
        assertThat(other).isGreaterThan(5 * same);
        assertThat(FrechetDistance.between(GaussianStats.of(a), GaussianStats.of(a))).isCloseTo(0, within(1e-6 * (1 + other)));
    }

    @Test
    void rejectsBadImages() {
        assertThatThrownBy(() -> new RandomConvFeatures().features(HostTensor.zeros(Shape.of(3, 8, 8))))
                .hasMessageContaining("at least 16x16");
        assertThatThrownBy(() -> new RandomConvFeatures().features(HostTensor.zeros(Shape.of(2, 16, 16))))
                .hasMessageContaining("C = 1 or 3");
    }
}
