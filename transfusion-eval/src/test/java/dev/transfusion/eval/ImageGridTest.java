package dev.transfusion.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.data.shapes.AttributeScore;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readable grids: sharp upscaled tiles, the label printed under each, verdict frames in pass/fail colours. */
class ImageGridTest {
    /** A (3, 8, 8) tile: black with one red pixel at (x=7, y=0). */
    static HostTensor tile() {
        float[] v = new float[3 * 8 * 8];
        v[7] = 1f;
        return HostTensor.floats(Shape.of(3, 8, 8), v);
    }

    @Test
    void tilesAreUpscaledByNearestNeighbourToAtLeastTheMinimum() {
        BufferedImage g = ImageGrid.render(List.of(ImageGrid.Tile.of(tile(), "")), 1);
        int scale = ImageGrid.MIN_TILE / 8; // 16
        int pad = 6;
        assertThat(g.getWidth()).isEqualTo(2 * pad + 8 * scale);
        // the red source pixel covers a whole scale×scale block; its neighbour stays black
        assertThat(g.getRGB(pad + 7 * scale, pad) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(g.getRGB(pad + 8 * scale - 1, pad + scale - 1) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(g.getRGB(pad + 7 * scale - 1, pad) & 0xFFFFFF).isZero();
    }

    @Test
    void theLabelIsPrintedUnderItsTile() {
        BufferedImage blank = ImageGrid.render(List.of(ImageGrid.Tile.of(tile(), "")), 1);
        BufferedImage labelled = ImageGrid.render(List.of(ImageGrid.Tile.of(tile(), "a small red circle")), 1);
        int top = 6 + ImageGrid.MIN_TILE;
        assertThat(darkPixels(blank, top)).isZero();
        assertThat(darkPixels(labelled, top)).isGreaterThan(20);
    }

    @Test
    void longLabelsWrapWithinTheTileWidth() {
        BufferedImage g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        var fm = g.createGraphics().getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        String text = String.join(" ", java.util.Collections.nCopies(40, "word"));
        List<String> lines = ImageGrid.wrap(text, fm, 100, 3);
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(fm.stringWidth(l)).isLessThanOrEqualTo(100));
        assertThat(lines.get(2)).endsWith("\u2026");
        assertThat(ImageGrid.wrap("short", fm, 100, 3)).containsExactly("short");
    }

    @Test
    void verdictsFrameTilesGreenOrRedAndNameWhatWasWrong() {
        ImageGrid.Verdict pass = ReportWriter.verdict(new AttributeScore(true, true, true, true, true));
        ImageGrid.Verdict fail = ReportWriter.verdict(new AttributeScore(true, false, true, false, true));
        assertThat(pass.pass()).isTrue();
        assertThat(fail.pass()).isFalse();
        assertThat(fail.text()).isEqualTo("wrong: colour, size");
        BufferedImage g = ImageGrid.render(List.of(new ImageGrid.Tile(tile(), "x", pass),
                new ImageGrid.Tile(tile(), "y", fail)), 2);
        int green = g.getRGB(6 - 2, 6 + 40);
        int red = g.getRGB(6 + ImageGrid.MIN_TILE + 6 - 2, 6 + 40);
        assertThat((green >> 8) & 0xFF).isGreaterThan((green >> 16) & 0xFF);
        assertThat((red >> 16) & 0xFF).isGreaterThan((red >> 8) & 0xFF);
    }

    private static long darkPixels(BufferedImage img, int fromY) {
        return Arrays.stream(img.getRGB(0, fromY, img.getWidth(), img.getHeight() - fromY, null, 0, img.getWidth()))
                .filter(p -> (p & 0xFF) < 128).count();
    }
}
