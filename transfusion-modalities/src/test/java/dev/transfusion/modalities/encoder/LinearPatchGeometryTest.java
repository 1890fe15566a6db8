package dev.transfusion.modalities.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoderFactory;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tensor.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearPatchGeometryTest {
    private static final PluginContext CTX = PluginContext.of(1, Path.of("."));

    @ParameterizedTest(name = "patch {0}")
    @ValueSource(ints = {1, 2, 4, 8, 16})
    void patchesPerImageIsTheSquaredPatchGrid(int patch) {
        var enc = new LinearPatchEncoderFactory().create(ComponentSpec.of("image.encoder", "linear", Map.of("patch", patch)),
                ModalityEncoderFactory.context(CTX, 16, new LatentGeometry(3, 16), new ParamBuilder()));
        assertThat(enc.patchesPerImage()).isEqualTo((16 / patch) * (16 / patch));
    }

    @Test
    void aPatchThatDoesNotDivideTheLatentNamesTheKey() {
        assertThatThrownBy(() -> new LinearPatchEncoderFactory()
                .create(ComponentSpec.of("image.encoder", "linear", Map.of("patch", 3)), ModalityEncoderFactory.context(CTX, 16, new LatentGeometry(3, 16), new ParamBuilder())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("image.encoder.patch");
    }

    @Test
    void overlapKeepsTheTokenGridAndIsBoundedByThePatch() {
        ParamBuilder pb = new ParamBuilder();
        var enc = new LinearPatchEncoderFactory().create(ComponentSpec.of("image.encoder", "linear",
                Map.of("patch", 4, "overlap", 2)), ModalityEncoderFactory.context(CTX, 16, new LatentGeometry(3, 16), pb));
        assertThat(enc).isInstanceOf(OverlappingPatchEncoder.class);
        assertThat(enc.patchesPerImage()).isEqualTo(16);
        // One (k+2o)×(k+2o) window each way, in PyTorch's conv / transposed-conv weight layouts.
        assertThat(pb.specs()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("patch_in.weight");
            assertThat(s.shape()).isEqualTo(Shape.of(16, 3, 8, 8));
        }).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("patch_out.weight");
            assertThat(s.shape()).isEqualTo(Shape.of(16, 3, 8, 8));
        });
        assertThat(new LinearPatchEncoderFactory().create(ComponentSpec.of("image.encoder", "linear",
                Map.of("patch", 4)), ModalityEncoderFactory.context(CTX, 16, new LatentGeometry(3, 16), new ParamBuilder())))
                .isInstanceOf(LinearPatchEncoder.class);
        assertThatThrownBy(() -> new LinearPatchEncoderFactory().create(ComponentSpec.of("image.encoder", "linear",
                Map.of("patch", 2, "overlap", 3)), CTX)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("image.encoder.overlap").hasMessageContaining("at most the patch size 2, got 3");
    }

    @Test
    void positionEmbeddingChoicesAndErrors() {
        ParamBuilder sincos = new ParamBuilder();
        new LinearPatchEncoderFactory().create(ComponentSpec.of("image.encoder", "linear",
                Map.of("patch", 4, "pos_embed", "sincos")), ModalityEncoderFactory.context(CTX, 16, new LatentGeometry(3, 16),
                sincos));
        assertThat(sincos.specs()).anySatisfy(s -> {
            assertThat(s.name()).endsWith("pos_embed");
            assertThat(s.init()).isEqualTo(new dev.transfusion.param.Init.SinCos2d(4));
        });
        ParamBuilder none = new ParamBuilder();
        new LinearPatchEncoderFactory().create(ComponentSpec.of("image.encoder", "linear",
                Map.of("patch", 4, "pos_embed", false)), ModalityEncoderFactory.context(CTX, 16, new LatentGeometry(3, 16),
                none));
        assertThat(none.specs()).noneSatisfy(s -> assertThat(s.name()).endsWith("pos_embed"));
        assertThatThrownBy(() -> new LinearPatchEncoderFactory().create(ComponentSpec.of("image.encoder", "linear",
                Map.of("pos_embed", "rope2d")), CTX)).isInstanceOf(ConfigException.class)
                .hasMessage("image.encoder.pos_embed: expected learned, sincos or none, got 'rope2d'");
        assertThatThrownBy(() -> new LinearPatchEncoderFactory().create(ComponentSpec.of("image.encoder", "linear",
                Map.of("pos_embed", "sincos")), ModalityEncoderFactory.context(CTX, 18, new LatentGeometry(3, 16),
                new ParamBuilder()))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("divisible by 4");
    }
}
