package dev.transfusion.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path dir;

    @Test
    void pngRoundTripIsExactForEightBitValues() throws IOException {
        float[] x = new float[3 * 5 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 17 % 256) / 255f;
        }
        HostTensor img = HostTensor.floats(Shape.of(3, 5, 5), x);
        Path file = dir.resolve("sub/out.png");
        Images.toPng(img, file);
        assertThat(Images.read(file, 5)).isEqualTo(img);
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.png"); // no temp file left
        }
    }

    @Test
    void greyPngsAndClamping() throws IOException {
        HostTensor grey = HostTensor.floats(Shape.of(1, 1, 3), new float[] {-0.5f, 0.5f, 2f});
        Path file = dir.resolve("grey.png");
        Images.toPng(grey, file);
        float[] back = Images.read(file, 1).floats(); // centre crop of the 1x3 image: the middle pixel, as RGB
        assertThat(back).containsExactly(128 / 255f, 128 / 255f, 128 / 255f);
        assertThat(Images.toBufferedImage(grey).getRaster().getSample(0, 0, 0)).isZero();
        assertThat(Images.toBufferedImage(grey).getRaster().getSample(2, 0, 0)).isEqualTo(255);
    }

    @Test
    void resizeAveragesAreas() {
        // 4x4 grey with a 2x2 bright top-left quadrant -> 2x2: exactly the quadrant means
        float[] x = new float[16];
        x[0] = x[1] = x[4] = x[5] = 1f;
        x[15] = 0.4f;
        HostTensor out = Images.resizeSquare(HostTensor.floats(Shape.of(1, 4, 4), x), 2);
        assertThat(out.floats()).containsExactly(1f, 0f, 0f, 0.1f);
        // 2 -> 3 upsampling: the middle output cell straddles both inputs equally
        HostTensor up = Images.resizeSquare(HostTensor.floats(Shape.of(1, 2, 2), new float[] {0, 1, 0, 1}), 3);
        assertThat(up.floats()[0]).isEqualTo(0f);
        assertThat(up.floats()[1]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(up.floats()[2]).isEqualTo(1f);
    }

    @Test
    void gridLaysOutTilesWithPadding() {
        HostTensor a = HostTensor.floats(Shape.of(3, 1, 1), new float[] {0.1f, 0.2f, 0.3f});
        HostTensor b = HostTensor.floats(Shape.of(1, 1, 1), new float[] {0.5f}); // grey, repeated to RGB
        HostTensor g = Images.grid(List.of(a, b, a), 2, 1);
        assertThat(g.shape().intDims()).containsExactly(3, 5, 5); // 2 rows x 2 cols of 1x1 tiles, padding 1
        float[] x = g.floats();
        assertThat(x[1 * 5 + 1]).isEqualTo(0.1f);          // tile 0, red
        assertThat(x[25 + 1 * 5 + 3]).isEqualTo(0.5f);     // tile 1, green channel
        assertThat(x[50 + 3 * 5 + 1]).isEqualTo(0.3f);     // tile 2, blue
        assertThat(x[3 * 5 + 3]).isEqualTo(1f);            // empty cell: white
        assertThat(x[0]).isEqualTo(1f);                    // padding
        assertThatThrownBy(() -> Images.grid(List.of(a, HostTensor.zeros(Shape.of(3, 2, 2))), 2, 0))
                .hasMessageContaining("tile 1 is 2x2 but tile 0 is 1x1");
    }

    @Test
    void unreadableFilesAreNamed() throws IOException {
        Path f = dir.resolve("x.png");
        Files.writeString(f, "nope");
        assertThatThrownBy(() -> Images.read(f, 4)).isInstanceOf(IOException.class).hasMessageContaining(f.toString());
    }
}
