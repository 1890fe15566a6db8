package dev.transfusion.modalities.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VaeConfigTest {
    @Test
    void metadataRoundTrips() {
        VaeConfig c = new VaeConfig(3, 8, 8, List.of(16, 32, 64), 2, 8);
        assertThat(VaeConfig.fromMetadata(c.toMetadata(), "f")).isEqualTo(c);
    }

    @Test
    void latentSizeDividesByTheDownsampling() {
        assertThat(VaeConfig.small().latentSize(32)).isEqualTo(8);
        assertThatThrownBy(() -> VaeConfig.small().latentSize(30)).hasMessageContaining("30").hasMessageContaining("4");
    }

    @Test
    void rejectsBadArchitectures() {
        assertThatThrownBy(() -> new VaeConfig(3, 8, 2, List.of(8), 1, 4)).hasMessageContaining("4 or 8");
        assertThatThrownBy(() -> new VaeConfig(3, 8, 8, List.of(8, 8), 1, 4)).hasMessageContaining("3 channel counts");
        assertThatThrownBy(() -> new VaeConfig(3, 8, 4, List.of(8, 12), 1, 8)).hasMessageContaining("groups");
    }

    @Test
    void foreignMetadataIsNamed() {
        assertThatThrownBy(() -> VaeConfig.fromMetadata(Map.of(), "x.safetensors"))
                .hasMessageContaining("x.safetensors").hasMessageContaining("not a transfusion VAE");
    }

    @Test
    void encoderEndsInMeanAndLogVarianceAndDecoderInPixels() {
        VaeConfig c = new VaeConfig(3, 8, 4, List.of(16, 32), 1, 8);
        Map<String, Shape> p = new VaeModel(c).params().stream()
                .collect(Collectors.toMap(ParamSpec::name, ParamSpec::shape));
        assertThat(p).containsEntry("encoder.conv_in.weight", Shape.of(16, 3, 3, 3))
                .containsEntry("encoder.down.0.downsample.weight", Shape.of(16, 16, 3, 3))
                .containsEntry("encoder.down.1.downsample.weight", Shape.of(32, 16, 3, 3))
                .containsEntry("encoder.down.1.res.0.conv1.weight", Shape.of(32, 32, 3, 3))
                .containsEntry("encoder.conv_out.weight", Shape.of(16, 32, 3, 3))
                .containsEntry("decoder.conv_in.weight", Shape.of(32, 8, 3, 3))
                .containsEntry("decoder.up.1.upsample.weight", Shape.of(16, 32, 3, 3))
                .containsEntry("decoder.up.0.upsample.weight", Shape.of(16, 16, 3, 3))
                .containsEntry("decoder.conv_out.weight", Shape.of(3, 16, 3, 3));
    }
}
