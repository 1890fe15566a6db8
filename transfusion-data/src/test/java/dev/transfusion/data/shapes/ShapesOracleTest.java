package dev.transfusion.data.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.data.Split;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapesOracleTest {
    private static final int S = 32;
    private static final int N = 500;
    private final ShapesOracle oracle = new ShapesOracle(S);

    @Test
    void recoversEveryAttributeOfOneShapeImages() {
        double acc = exactRecovery(new ShapesDataset(S, 1, 1, 11, 10, N), 0, 0);
        System.out.printf("oracle exact recovery, 1 shape, clean: %.4f%n", acc);
        assertThat(acc).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void recoversEveryAttributeOfTwoShapeImages() {
        double acc = exactRecovery(new ShapesDataset(S, 2, 2, 12, 10, N), 0, 0);
        System.out.printf("oracle exact recovery, 2 shapes, clean: %.4f%n", acc);
        assertThat(acc).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void recoversThreeShapeImages() {
        double acc = exactRecovery(new ShapesDataset(S, 3, 3, 13, 10, 200), 0, 0);
        System.out.printf("oracle exact recovery, 3 shapes, clean: %.4f%n", acc);
        assertThat(acc).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void isRobustToGaussianNoise() {
        double one = exactRecovery(new ShapesDataset(S, 1, 1, 21, 10, N), 0.05, 1);
        double two = exactRecovery(new ShapesDataset(S, 2, 2, 22, 10, N), 0.05, 2);
        System.out.printf("oracle exact recovery with sigma=0.05 noise: 1 shape %.4f, 2 shapes %.4f%n", one, two);
        assertThat(one).isGreaterThanOrEqualTo(0.99);
        assertThat(two).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void isMostlyRobustToBlur() {
        ShapesDataset data = new ShapesDataset(S, 1, 2, 31, 10, 300);
        int ok = 0;
        for (int i = 0; i < 300; i++) {
            Scene scene = data.scene(Split.HELD_OUT, i);
            ok += oracle.score(ShapesCaption.of(scene), boxBlur(SceneRenderer.render(scene))).all() ? 1 : 0;
        }
        double acc = ok / 300.0;
        System.out.printf("oracle caption score with 3x3 box blur (1-2 shapes): %.4f%n", acc);
        assertThat(acc).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void scoresTheGeneratorsCaptionsAsCorrect() {
        ShapesDataset data = new ShapesDataset(S, 1, 3, 41, 10, N);
        int ok = 0;
        for (int i = 0; i < N; i++) {
            var ex = data.get(Split.HELD_OUT, i);
            ok += oracle.score(ex.caption(), ex.image()).all() ? 1 : 0;
        }
        assertThat(ok / (double) N).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void scoresEachWrongAttributeSeparately() {
        Scene scene = new Scene(S, Background.WHITE, List.of(
                new PlacedShape(ShapeKind.CIRCLE, PaletteColour.RED, SizeClass.LARGE, 1, 5, 13),
                new PlacedShape(ShapeKind.TRIANGLE, PaletteColour.GREEN, SizeClass.SMALL, 20, 2, 9)),
                List.of(Relation.LEFT_OF));
        HostTensor img = SceneRenderer.render(scene);
        assertThat(oracle.score("a large red circle on the left of a small green triangle", img))
                .isEqualTo(new AttributeScore(true, true, true, true, true));
        assertThat(oracle.score("a small green triangle on the right of a large red circle", img).all()).isTrue();
        assertThat(oracle.score("a large blue circle on the left of a small green triangle", img))
                .isEqualTo(new AttributeScore(true, false, true, true, true));
        assertThat(oracle.score("a large red square on the left of a small green triangle", img))
                .isEqualTo(new AttributeScore(true, true, false, true, true));
        assertThat(oracle.score("a small red circle on the left of a small green triangle", img))
                .isEqualTo(new AttributeScore(true, true, true, false, true));
        assertThat(oracle.score("a large red circle on the right of a small green triangle", img))
                .isEqualTo(new AttributeScore(true, true, true, true, false));
        assertThat(oracle.score("a large red circle above a small green triangle", img).position()).isFalse();
        assertThat(oracle.score("a red circle", img)).isEqualTo(new AttributeScore(false, true, true, true, true));
        assertThat(oracle.score("a red circle on the left of a green triangle on the left of a blue square", img))
                .isEqualTo(new AttributeScore(false, false, false, true, false));
    }

    @Test
    void readsAHandDrawnDiscIndependentlyOfTheRenderer() {
        // a purple disc of radius 7 centred at (20.5, 12.5) on grey, drawn here without the dataset's code
        float[] x = new float[3 * S * S];
        java.util.Arrays.fill(x, 0.85f);
        for (int y = 0; y < S; y++) {
            for (int i = 0; i < S; i++) {
                if (Math.pow(i - 20, 2) + Math.pow(y - 12, 2) <= 49) {
                    x[y * S + i] = 150 / 255f;
                    x[S * S + y * S + i] = 40 / 255f;
                    x[2 * S * S + y * S + i] = 190 / 255f;
                }
            }
        }
        List<DetectedShape> found = oracle.detect(HostTensor.floats(Shape.of(3, S, S), x));
        assertThat(found).hasSize(1);
        DetectedShape d = found.get(0);
        assertThat(d.kind()).isEqualTo(ShapeKind.CIRCLE);
        assertThat(d.colour()).isEqualTo(PaletteColour.PURPLE);
        assertThat(d.size()).isEqualTo(SizeClass.LARGE);
        assertThat(d.x() * S).isEqualTo(20.5);
        assertThat(d.y() * S).isEqualTo(12.5);
        assertThat(d.pixels()).isEqualTo(149); // lattice points with i² + j² <= 49
    }

    @Test
    void findsNothingOnABlankImageAndRejectsWrongShapes() {
        HostTensor blank = HostTensor.floats(Shape.of(3, S, S), filled(3 * S * S, 1f));
        assertThat(oracle.detect(blank)).isEmpty();
        // size is not named, so it is not scored
        assertThat(oracle.score("a red circle", blank)).isEqualTo(new AttributeScore(false, false, false, true, true));
        assertThatThrownBy(() -> oracle.detect(HostTensor.zeros(Shape.of(1, S, S))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3, 32, 32)");
    }

    /** Fraction of held-out images whose shapes are all recovered exactly (class, colour, size, centre ±1 px). */
    private double exactRecovery(ShapesDataset data, double sigma, long noiseSeed) {
        Random rnd = new Random(noiseSeed);
        long n = data.size(Split.HELD_OUT);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            Scene scene = data.scene(Split.HELD_OUT, i);
            HostTensor img = SceneRenderer.render(scene);
            if (sigma > 0) {
                float[] v = img.floats();
                for (int p = 0; p < v.length; p++) {
                    v[p] = (float) Math.max(0, Math.min(1, v[p] + sigma * rnd.nextGaussian()));
                }
            }
            ok += matches(scene, oracle.detect(img)) ? 1 : 0;
        }
        return ok / (double) n;
    }

    private static boolean matches(Scene scene, List<DetectedShape> found) {
        if (found.size() != scene.shapes().size()) {
            return false;
        }
        for (PlacedShape s : scene.shapes()) {
            boolean any = found.stream().anyMatch(d -> d.kind() == s.kind() && d.colour() == s.colour()
                    && d.size() == s.size() && Math.abs(d.x() * S - s.centreX()) <= 1
                    && Math.abs(d.y() * S - s.centreY()) <= 1);
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static HostTensor boxBlur(HostTensor img) {
        float[] x = img.floats(), out = new float[x.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < S; y++) {
                for (int i = 0; i < S; i++) {
                    float sum = 0;
                    int n = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = y + dy, xx = i + dx;
                            if (yy >= 0 && xx >= 0 && yy < S && xx < S) {
                                sum += x[c * S * S + yy * S + xx];
                                n++;
                            }
                        }
                    }
                    out[c * S * S + y * S + i] = sum / n;
                }
            }
        }
        return HostTensor.floats(img.shape(), out);
    }

    private static float[] filled(int n, float v) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, v);
        return x;
    }
}
