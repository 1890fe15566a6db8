package com.example.transfusion.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example builds against the published artifacts alone and runs end to end: train, load, generate, caption. */
class EmbeddingExampleTest {
    @Test
    void trainsLoadsGeneratesAndCaptions(@TempDir Path tmp) throws Exception {
        EmbeddingExample.Outcome o = EmbeddingExample.run(tmp.resolve("run"), "a small blue square");
        assertThat(o.trainedSteps()).isEqualTo(20);
        BufferedImage png = ImageIO.read(o.image().toFile());
        assertThat(png.getWidth()).isEqualTo(16);
        assertThat(png.getHeight()).isEqualTo(16);
        assertThat(tmp.resolve("run/config.yaml")).isRegularFile();
        assertThat(o.caption()).isNotNull();
    }
}
