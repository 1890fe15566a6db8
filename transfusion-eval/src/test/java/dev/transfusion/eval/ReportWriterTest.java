package dev.transfusion.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.data.Split;
import dev.transfusion.data.shapes.ShapesDataset;
import dev.transfusion.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report files: JSON with every number (NaN as null), Markdown tables, and grids of the right size. */
class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesJsonMarkdownAndGrids() throws Exception {
        ShapesDataset data = new ShapesDataset(16, 1, 1, 2, 10, 10);
        List<HostTensor> imgs = List.of(data.get(Split.HELD_OUT, 0).image(), data.get(Split.HELD_OUT, 1).image(),
                data.get(Split.HELD_OUT, 2).image());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("checkpoint_step", 7L);
        config.put("encoder", "linear {patch=4}");
        EvalReport r = new EvalReport(7, config,
                List.of(new PerplexityResult("captions", 3, 60, 0, Math.log(2)),
                        new PerplexityResult("text", 0, 0, 0, Double.NaN)),
                new TextToImageResult(3, 5, 3.0, new AttributeAccuracy(3, 1, 2 / 3.0, 1 / 3.0, 1, 1, 0), List.of(
                        "a small red circle", "a large blue square", "a | pipe")),
                new FdResult(12.5, "fixed random conv features", 128, 3, 3),
                new CaptioningResult(2, null, 4.25, List.of("a red circle", ""), List.of("a small red circle", "x")),
                dir);

        ReportWriter.write(r, imgs, imgs, 2);

        JsonNode json = new ObjectMapper().readTree(dir.resolve(ReportWriter.JSON).toFile());
        assertThat(json.get("step").asLong()).isEqualTo(7);
        assertThat(json.at("/perplexity/captions/perplexity").asDouble()).isEqualTo(2.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.at("/perplexity/text/nats_per_token").isNull()).isTrue();
        assertThat(json.at("/text_to_image/accuracy/shape").asDouble()).isEqualTo(1 / 3.0);
        assertThat(json.at("/fd/value").asDouble()).isEqualTo(12.5);
        assertThat(json.at("/captioning/cider_d").asDouble()).isEqualTo(4.25);
        assertThat(json.at("/captioning/accuracy").isNull()).isTrue();
        assertThat(json.at("/config/encoder").asText()).isEqualTo("linear {patch=4}");

        String md = Files.readString(dir.resolve(ReportWriter.MARKDOWN));
        assertThat(md).contains("# Evaluation at step 7").contains("| captions | 3 | 60 | 0.6931 | 2.0000 |")
                .contains("| text-to-image | 3 | 1.0000 | 0.6667 | 0.3333 | 1.0000 | 1.0000 | 0.0000 |")
                .contains("![generated](t2i_grid.png)").contains("1. a small red circle").contains("2. a large blue square")
                .doesNotContain("3. a") // the grid holds 2 images, so 2 prompts are listed
                .contains("| CIDEr-D | 4.2500 |").contains("FD (fixed random conv features; 3 generated vs 3 real)");

        var grid = ImageIO.read(dir.resolve(ReportWriter.T2I_GRID).toFile());
        // 2 tiles of 16 px shown at 8x (128 px) in 2 columns with 6 px padding: 6 + 2·(128 + 6) = 274 wide, one
        // row of tiles with their prompts printed underneath
        assertThat(grid.getWidth()).isEqualTo(2 * ImageGrid.MIN_TILE + 3 * ImageGrid.PAD);
        assertThat(grid.getHeight()).isGreaterThan(128 + 2 * 6);
        assertThat(Files.exists(dir.resolve(ReportWriter.REAL_GRID))).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }
}
