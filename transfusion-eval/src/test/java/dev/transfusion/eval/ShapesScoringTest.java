package dev.transfusion.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.data.shapes.AttributeScore;
import dev.transfusion.data.shapes.ShapesCaption;
import dev.transfusion.data.shapes.ShapesCaptions;
import dev.transfusion.data.shapes.ShapesDataset;
import dev.transfusion.data.shapes.ShapesOracle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ground truth from labels, and the aggregation of per-prompt attribute scores into accuracies. */
class ShapesScoringTest {
    @Test
    void labelsGiveTheSameTruthAsTheReferenceCaption() {
        ShapesDataset data = new ShapesDataset(32, 1, 2, 4, 100, 50);
        for (int i = 0; i < 20; i++) {
            Example ex = data.get(Split.HELD_OUT, i);
            ShapesCaption truth = ShapesTruth.fromLabels(ex.labels()).orElseThrow();
            assertThat(truth).isEqualTo(ShapesCaptions.parse(ex.caption()));
            assertThat(ShapesTruth.objectCount(ex.labels())).isEqualTo(truth.objects().size());
        }
        assertThat(ShapesTruth.fromLabels(Map.of("class", 3))).isEmpty();
        assertThat(ShapesTruth.objectCount(Map.of())).isEqualTo(-1);
    }

    /** The real held-out images, scored by the oracle against their own labels, are (almost) all right. */
    @Test
    void realImagesScoreNearlyPerfectly() {
        ShapesDataset data = new ShapesDataset(32, 1, 1, 9, 100, 40);
        ShapesOracle oracle = new ShapesOracle(32);
        AttributeTally tally = new AttributeTally();
        for (int i = 0; i < 40; i++) {
            Example ex = data.get(Split.HELD_OUT, i);
            tally.add(oracle.score(ShapesTruth.fromLabels(ex.labels()).orElseThrow(), ex.image()));
        }
        assertThat(tally.accuracy().overall()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void tallyComputesFractionsPerAttributeAndOverall() {
        AttributeTally t = new AttributeTally();
        assertThat(t.accuracy().overall()).isNaN();
        for (AttributeScore s : List.of(new AttributeScore(true, true, true, true, true),
                new AttributeScore(true, false, true, true, true), new AttributeScore(false, true, false, true, true),
                new AttributeScore(true, true, true, false, false))) {
            t.add(s);
        }
        AttributeAccuracy a = t.accuracy();
        assertThat(a.n()).isEqualTo(4);
        assertThat(a.count()).isCloseTo(0.75, within(1e-12));
        assertThat(a.colour()).isCloseTo(0.75, within(1e-12));
        assertThat(a.shape()).isCloseTo(0.75, within(1e-12));
        assertThat(a.size()).isCloseTo(0.75, within(1e-12));
        assertThat(a.position()).isCloseTo(0.75, within(1e-12));
        assertThat(a.overall()).isCloseTo(0.25, within(1e-12));
    }

    /** A parsed caption that says the right thing scores all-correct; a wrong colour only fails colour. */
    @Test
    void captionAgreementScoresAttributes() {
        ShapesCaption truth = ShapesCaptions.parse("a large red circle");
        assertThat(ShapesCaptions.agreement(truth, ShapesCaptions.parse("a large red circle")).all()).isTrue();
        AttributeScore wrong = ShapesCaptions.agreement(truth, ShapesCaptions.parse("a large blue circle"));
        assertThat(wrong.colour()).isFalse();
        assertThat(wrong.shape() && wrong.size() && wrong.count()).isTrue();
    }
}
