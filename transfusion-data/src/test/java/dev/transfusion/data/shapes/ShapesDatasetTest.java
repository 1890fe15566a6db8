package dev.transfusion.data.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ShapesDatasetTest {
    private static final PluginContext CTX = PluginContext.of(7, Path.of("."));

    private static Dataset create(Map<String, Object> params) {
        return new ShapesDatasetFactory().create(ComponentSpec.of("data", "shapes", params), CTX);
    }

    @Test
    void defaultsMatchTheDocumentedParams() {
        Dataset d = create(Map.of());
        assertThat(d.imageSize()).isEqualTo(32);
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.size(Split.TRAIN)).isEqualTo(50_000);
        assertThat(d.size(Split.HELD_OUT)).isEqualTo(1_000);
        Example e = d.get(Split.TRAIN, 0);
        assertThat(e.image().shape().intDims()).containsExactly(3, 32, 32);
        assertThat(e.caption()).matches("a (small|large) (red|green|blue|yellow|purple|orange) (circle|square|triangle)");
    }

    @Test
    void isDeterministicPerSeedSplitAndIndexAndThreadSafe() {
        Dataset a = create(Map.of("max_shapes", 2, "seed", 5));
        Dataset b = create(Map.of("max_shapes", 2, "seed", 5));
        Dataset c = create(Map.of("max_shapes", 2, "seed", 6));
        assertThat(a.get(Split.TRAIN, 123)).isEqualTo(b.get(Split.TRAIN, 123));
        assertThat(a.get(Split.HELD_OUT, 9)).isEqualTo(b.get(Split.HELD_OUT, 9));
        long differ = LongStream.range(0, 50).filter(i -> !a.get(Split.TRAIN, i).equals(c.get(Split.TRAIN, i))).count();
        assertThat(differ).isGreaterThan(45);
        List<Example> parallel = LongStream.range(0, 200).parallel().mapToObj(i -> a.get(Split.TRAIN, i)).toList();
        for (int i = 0; i < 200; i++) {
            assertThat(parallel.get(i)).isEqualTo(a.get(Split.TRAIN, i));
        }
    }

    @Test
    void pixelsAreExactlyBackgroundOrPaletteAndMatchTheLabels() {
        ShapesDataset d = new ShapesDataset(32, 1, 3, 3, 300, 10);
        for (int i = 0; i < 300; i++) {
            Scene scene = d.scene(Split.TRAIN, i);
            float[] x = d.get(Split.TRAIN, i).image().floats();
            float bg = scene.background().level();
            int plane = 32 * 32;
            float[] want = new float[3 * plane];
            for (int py = 0; py < 32; py++) {
                for (int px = 0; px < 32; px++) {
                    int p = py * 32 + px;
                    float[] rgb = {bg, bg, bg};
                    for (PlacedShape s : scene.shapes()) {
                        if (s.covers(px, py)) {
                            rgb = s.colour().rgb();
                        }
                    }
                    want[p] = rgb[0];
                    want[plane + p] = rgb[1];
                    want[2 * plane + p] = rgb[2];
                }
            }
            assertThat(Arrays.equals(x, want)).as("pixels of train %d", i).isTrue();
            // a one-pixel margin: the border is background
            assertThat(x[0]).isEqualTo(bg);
            assertThat(x[plane - 1]).isEqualTo(bg);
        }
    }

    @Test
    void shapesAreSeparatedAndRelationsHold() {
        ShapesDataset d = new ShapesDataset(32, 2, 3, 4, 2000, 10);
        Set<Integer> counts = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Scene scene = d.scene(Split.TRAIN, i);
            counts.add(scene.shapes().size());
            for (int k = 1; k < scene.shapes().size(); k++) {
                PlacedShape a = scene.shapes().get(k - 1), b = scene.shapes().get(k);
                Relation r = scene.relations().get(k - 1);
                assertThat(r.holds(a.centreX(), a.centreY(), b.centreX(), b.centreY())).isTrue();
                int gap = switch (r) { // pixels strictly between the two boxes along the relation's axis
                    case LEFT_OF -> b.left() - (a.left() + a.extent());
                    case RIGHT_OF -> a.left() - (b.left() + b.extent());
                    case ABOVE -> b.top() - (a.top() + a.extent());
                    case BELOW -> a.top() - (b.top() + b.extent());
                    case AND -> throw new AssertionError("generated captions always state a relation");
                };
                assertThat(gap).isGreaterThanOrEqualTo(scene.shapes().size() == 2 ? 2 : 1);
            }
            for (PlacedShape s : scene.shapes()) {
                assertThat(s.left()).isGreaterThanOrEqualTo(1);
                assertThat(s.left() + s.extent()).isLessThanOrEqualTo(31);
                assertThat(s.top() + s.extent()).isLessThanOrEqualTo(31);
            }
        }
        assertThat(counts).containsExactlyInAnyOrder(2, 3);
    }

    @Test
    void heldOutImagesNeverAppearInTraining() {
        ShapesDataset d = new ShapesDataset(32, 1, 2, 8, 4000, 1000);
        // by construction: the splits partition the image space by key
        for (int i = 0; i < 1000; i++) {
            assertThat(SceneSampler.isHeldOut(d.scene(Split.HELD_OUT, i))).isTrue();
        }
        Map<Long, float[]> byKey = new HashMap<>();
        Set<String> train = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            Scene s = d.scene(Split.TRAIN, i);
            assertThat(SceneSampler.isHeldOut(s)).isFalse();
            Example e = d.get(Split.TRAIN, i);
            train.add(key(e.image().floats()) + e.caption());
            float[] prev = byKey.putIfAbsent(s.imageKey(), e.image().floats());
            if (prev != null) { // equal keys only for equal images
                assertThat(Arrays.equals(prev, e.image().floats())).as("images with equal keys").isTrue();
            }
        }
        // and verified: no held-out image+caption (nor image) equals a training one in the sample
        Set<String> trainImages = new HashSet<>();
        for (float[] img : byKey.values()) {
            trainImages.add(key(img));
        }
        int pairClashes = 0, imageClashes = 0;
        for (int i = 0; i < 1000; i++) {
            Example e = d.get(Split.HELD_OUT, i);
            pairClashes += train.contains(key(e.image().floats()) + e.caption()) ? 1 : 0;
            imageClashes += trainImages.contains(key(e.image().floats())) ? 1 : 0;
        }
        assertThat(pairClashes).isZero();
        assertThat(imageClashes).isZero();
        assertThat(byKey.size()).as("the sample has many distinct images").isGreaterThan(3000);
    }

    @Test
    void coversEveryAttributeValue() {
        ShapesDataset d = new ShapesDataset(32, 1, 2, 9, 1000, 10);
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Scene s = d.scene(Split.TRAIN, i);
            seen.add(s.background());
            s.relations().forEach(seen::add);
            for (PlacedShape p : s.shapes()) {
                seen.addAll(List.of(p.kind(), p.colour(), p.size()));
            }
        }
        assertThat(seen).containsAll(List.of(ShapeKind.values())).containsAll(List.of(PaletteColour.values()))
                .containsAll(List.of(SizeClass.values())).containsAll(List.of(Background.values()))
                .containsAll(List.of(Relation.LEFT_OF, Relation.RIGHT_OF, Relation.ABOVE, Relation.BELOW));
    }

    @Test
    void labelsHoldTheStructuredAttributes() {
        ShapesDataset d = new ShapesDataset(32, 2, 2, 10, 5, 5);
        Scene s = d.scene(Split.TRAIN, 0);
        Map<String, Object> labels = d.get(Split.TRAIN, 0).labels();
        assertThat(labels).containsEntry("count", 2).containsEntry("background", s.background().word());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shapes = (List<Map<String, Object>>) labels.get("shapes");
        PlacedShape first = s.shapes().get(0);
        assertThat(shapes.get(0)).containsEntry("shape", first.kind().word()).containsEntry("colour", first.colour().word())
                .containsEntry("size", first.size().word()).containsEntry("x", first.centreX() / 32)
                .containsEntry("y", first.centreY() / 32);
        assertThat((List<?>) labels.get("relations")).hasSize(1);
    }

    @Test
    void badParamsAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> create(Map.of("image_sise", 32)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.image_sise")
                .hasMessageContaining("image_size");
        assertThatThrownBy(() -> create(Map.of("min_shapes", 3, "max_shapes", 2)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.max_shapes")
                .hasMessageContaining("min_shapes (3)");
        assertThatThrownBy(() -> create(Map.of("image_size", 16, "max_shapes", 4)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.max_shapes")
                .hasMessageContaining("image_size 16 is too small for 4 shapes");
        assertThatThrownBy(() -> create(Map.of("image_size", 8)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.image_size")
                .hasMessageContaining("[16, 1024]");
        assertThatThrownBy(() -> create(Map.of()).get(Split.HELD_OUT, 1000))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("HELD_OUT index 1000 outside [0, 1000)");
    }

    /** The image as a string of its 8-bit values (exact: every pixel is k / 255). */
    private static String key(float[] image) {
        byte[] b = new byte[image.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.round(image[i] * 255);
        }
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
