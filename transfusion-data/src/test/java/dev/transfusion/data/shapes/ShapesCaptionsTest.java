package dev.transfusion.data.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.data.Split;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapesCaptionsTest {
    @Test
    void writesTheRegularGrammar() {
        Scene scene = new Scene(32, Background.GREY, List.of(
                new PlacedShape(ShapeKind.SQUARE, PaletteColour.BLUE, SizeClass.LARGE, 1, 1, 13),
                new PlacedShape(ShapeKind.TRIANGLE, PaletteColour.GREEN, SizeClass.SMALL, 18, 3, 9)),
                List.of(Relation.LEFT_OF));
        assertThat(ShapesCaptions.caption(scene)).isEqualTo("a large blue square on the left of a small green triangle");
    }

    @Test
    void parsesEveryGeneratedCaptionBackToItsScene() {
        ShapesDataset d = new ShapesDataset(32, 1, 3, 1, 1000, 10);
        for (int i = 0; i < 1000; i++) {
            Scene s = d.scene(Split.TRAIN, i);
            String caption = ShapesCaptions.caption(s);
            assertThat(ShapesCaptions.parse(caption)).isEqualTo(ShapesCaption.of(s));
            assertThat(Arrays.asList(caption.split(" "))).isSubsetOf(ShapesCaptions.VOCABULARY);
        }
    }

    @Test
    void parsesLooseVariants() {
        ShapesCaption c = ShapesCaptions.parse("A big Red circle, to the left of the blue squares.");
        assertThat(c.objects()).containsExactly(
                new ShapeDescription(ShapeKind.CIRCLE, PaletteColour.RED, SizeClass.LARGE),
                new ShapeDescription(ShapeKind.SQUARE, PaletteColour.BLUE, null));
        assertThat(c.relations()).containsExactly(Relation.LEFT_OF);
        assertThat(ShapesCaptions.parse("a yellow triangle below a tiny orange circle").relations())
                .containsExactly(Relation.BELOW);
        assertThat(ShapesCaptions.parse("a purple square and a green circle").relations()).containsExactly(Relation.AND);
    }

    @Test
    void dropsPhrasesThatNameNothing() {
        ShapesCaption c = ShapesCaptions.parse("zzz qq on the left of a red");
        assertThat(c.objects()).containsExactly(new ShapeDescription(null, PaletteColour.RED, null));
        assertThat(c.relations()).isEmpty();
        assertThat(ShapesCaptions.parse("").objects()).isEmpty();
        assertThat(ShapesCaptions.parse("the the of").objects()).isEmpty();
    }

    @Test
    void agreementComparesAttributesAndEquivalentRelations() {
        ShapesCaption truth = ShapesCaptions.parse("a small red circle on the left of a large blue square");
        assertThat(ShapesCaptions.agreement(truth,
                ShapesCaptions.parse("a large blue square on the right of a small red circle")).all()).isTrue();
        assertThat(ShapesCaptions.agreement(truth,
                ShapesCaptions.parse("a small red circle above a large blue square")))
                .isEqualTo(new AttributeScore(true, true, true, true, false));
        assertThat(ShapesCaptions.agreement(truth,
                ShapesCaptions.parse("a small green circle on the left of a large blue triangle")))
                .isEqualTo(new AttributeScore(true, false, false, true, true));
        // the blue square is not named, so its colour, shape and size are all missed
        assertThat(ShapesCaptions.agreement(truth, ShapesCaptions.parse("a small red circle")))
                .isEqualTo(new AttributeScore(false, false, false, false, false));
    }
}
