package dev.transfusion.modalities.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoder;
import dev.transfusion.modality.ModalityEncoderFactory;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tensor.Shape;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UNetEncoderFactoryTest {
    private static final PluginContext CTX = PluginContext.of(1, Path.of("."));

    private static ComponentSpec spec(Map<String, Object> params) {
        return ComponentSpec.of("image.encoder", "unet", params);
    }

    private static ModalityEncoder build(Map<String, Object> params, int latentChannels, int size, ParamBuilder pb) {
        return new UNetEncoderFactory().create(spec(params), ModalityEncoderFactory.context(CTX, 32, new LatentGeometry(latentChannels, size), pb));
    }

    @ParameterizedTest(name = "levels {0}, patch {1}")
    @CsvSource({"1,1", "1,2", "1,4", "1,8", "2,1", "2,2", "2,4", "2,8", "3,1", "3,2", "3,4"})
    void patchesPerImageFollowsDownsamplingAndPatch(int levels, int patch) {
        List<Integer> channels = List.of(8, 16, 16).subList(0, levels);
        ModalityEncoder e = build(Map.of("patch", patch, "channels", channels, "groups", 4), 4, 32, new ParamBuilder());
        int side = 32 / (1 << (levels - 1)) / patch;
        assertThat(e.patchesPerImage()).isEqualTo(side * side);
    }

    @Test
    void parametersHavePyTorchNamesAndLayouts() {
        ParamBuilder pb = new ParamBuilder();
        build(Map.of(), 8, 32, pb.child("image"));
        Map<String, Shape> shapes = pb.specs().stream().collect(Collectors.toMap(ParamSpec::name, ParamSpec::shape));
        assertThat(shapes).containsEntry("image.conv_in.weight", Shape.of(64, 8, 3, 3))
                .containsEntry("image.down.0.res.0.conv1.weight", Shape.of(64, 64, 3, 3))
                .containsEntry("image.down.0.res.0.norm1.weight", Shape.of(64))
                .containsEntry("image.down.0.res.0.time_emb_proj.weight", Shape.of(64, 32))
                .containsEntry("image.down.0.downsample.weight", Shape.of(64, 64, 3, 3))
                .containsEntry("image.down.1.res.0.conv1.weight", Shape.of(128, 64, 3, 3))
                .containsEntry("image.down.1.res.0.conv_shortcut.weight", Shape.of(128, 64, 1, 1))
                .containsEntry("image.patch_in.weight", Shape.of(32, 128 * 4))
                .containsEntry("image.pos_embed", Shape.of(1, 64, 32))
                .containsEntry("image.patch_out.weight", Shape.of(128 * 4, 32))
                // the up path takes the transformer's grid plus the skip: 128 + 128 channels
                .containsEntry("image.up.1.res.0.conv1.weight", Shape.of(128, 256, 3, 3))
                .containsEntry("image.up.1.res.0.conv_shortcut.weight", Shape.of(128, 256, 1, 1))
                .containsEntry("image.up.1.upsample.weight", Shape.of(64, 128, 3, 3))
                .containsEntry("image.up.0.res.0.conv1.weight", Shape.of(64, 128, 3, 3))
                .containsEntry("image.norm_out.weight", Shape.of(64))
                .containsEntry("image.conv_out.weight", Shape.of(8, 64, 3, 3));
        assertThat(shapes).doesNotContainKey("image.down.1.downsample.weight").doesNotContainKey("image.up.0.upsample.weight");
    }

    @Test
    void parameterCountMatchesClosedForm() {
        // channels [8, 16], 1 block, latent 4 channels, dim 32, patch 2, latent 16 -> 8x8 grid -> 16 patches
        ParamBuilder pb = new ParamBuilder();
        build(Map.of("channels", List.of(8, 16), "groups", 4, "patch", 2), 4, 16, pb);
        int d = 32;
        Function<int[], Long> conv = a -> (long) a[1] * a[0] * a[2] * a[2] + a[1]; // in, out, k
        Function<int[], Long> res = a -> { // in, out
            long n = 2L * a[0] + conv.apply(new int[] {a[0], a[1], 3}) + ((long) d * a[1] + a[1]) + 2L * a[1]
                    + conv.apply(new int[] {a[1], a[1], 3});
            return a[0] != a[1] ? n + conv.apply(new int[] {a[0], a[1], 1}) : n;
        };
        long expected = conv.apply(new int[] {4, 8, 3}) + res.apply(new int[] {8, 8}) + conv.apply(new int[] {8, 8, 3})
                + res.apply(new int[] {8, 16}) + (16L * 4 * d + d) + 16L * d + ((long) d * 64 + 64)
                + res.apply(new int[] {32, 16}) + conv.apply(new int[] {16, 8, 3}) + res.apply(new int[] {16, 8})
                + 2L * 8 + conv.apply(new int[] {8, 4, 3});
        long actual = pb.specs().stream().mapToLong(s -> s.shape().size()).sum();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void noPositionEmbeddingWhenDisabled() {
        ParamBuilder pb = new ParamBuilder();
        build(Map.of("pos_embed", false, "channels", List.of(8), "groups", 4), 4, 8, pb);
        assertThat(pb.specs()).extracting(ParamSpec::name).doesNotContain("pos_embed");
    }

    @Test
    void groupsThatDoNotDivideAChannelCountNameTheKey() {
        assertThatThrownBy(() -> new UNetEncoderFactory().create(spec(Map.of("channels", List.of(64, 100))), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("image.encoder.groups").hasMessageContaining("100");
    }

    @Test
    void aPatchThatDoesNotDivideTheGridNamesThePatchKey() {
        // 2 levels on a 16 latent -> 8x8 grid; patch 3 does not divide it
        assertThatThrownBy(() -> build(Map.of("patch", 3, "channels", List.of(8, 8), "groups", 4), 4, 16,
                new ParamBuilder())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("image.encoder.patch").hasMessageContaining("8");
    }

    @Test
    void tooManyLevelsForTheLatentNameTheChannelsKey() {
        assertThatThrownBy(() -> build(Map.of("patch", 1, "channels", List.of(8, 8, 8, 8), "groups", 4), 4, 12,
                new ParamBuilder())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("image.encoder.channels").hasMessageContaining("12");
    }

    @Test
    void unknownKeysAndBadTypesAreNamed() {
        assertThatThrownBy(() -> new UNetEncoderFactory().create(spec(Map.of("chanels", List.of(8))), CTX))
                .isInstanceOf(ConfigException.class).hasMessageContaining("image.encoder.chanels")
                .hasMessageContaining("channels");
        Map<String, Object> bad = new HashMap<>();
        bad.put("blocks", 0);
        assertThatThrownBy(() -> new UNetEncoderFactory().create(spec(bad), CTX))
                .isInstanceOf(ConfigException.class).hasMessageContaining("image.encoder.blocks");
        assertThatThrownBy(() -> new UNetEncoderFactory().create(spec(Map.of("channels", List.of())), CTX))
                .isInstanceOf(ConfigException.class).hasMessageContaining("image.encoder.channels");
    }

    @Test
    void isRegisteredAsAServiceNamedUnet() {
        assertThat(ServiceLoader.load(ModalityEncoderFactory.class).stream().map(p -> p.get().name()))
                .contains("unet", "linear");
    }
}
