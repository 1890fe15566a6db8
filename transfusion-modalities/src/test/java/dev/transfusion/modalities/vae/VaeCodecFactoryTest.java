package dev.transfusion.modalities.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.modality.LatentCodecFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeCodecFactoryTest {
    @Test
    void aMissingCheckpointDirectoryIsAConfigErrorNamingKeyAndPath(@TempDir Path tmp) {
        ComponentSpec spec = ComponentSpec.of("image.codec", "vae", Map.of("checkpoint", "runs/vae"));
        assertThatThrownBy(() -> new VaeCodecFactory().create(spec, PluginContext.of(1, tmp)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("image.codec.checkpoint")
                .hasMessageContaining(tmp.resolve("runs/vae").toAbsolutePath().toString());
    }

    @Test
    void theCheckpointKeyIsRequiredAndNothingElseIsAllowed(@TempDir Path tmp) {
        assertThatThrownBy(() -> new VaeCodecFactory().create(ComponentSpec.of("image.codec", "vae", Map.of()),
                PluginContext.of(1, tmp))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("image.codec.checkpoint").hasMessageContaining("required");
        assertThatThrownBy(() -> new VaeCodecFactory().create(ComponentSpec.of("image.codec", "vae",
                Map.of("checkpoint", ".", "scale", 1)), PluginContext.of(1, tmp))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("image.codec.scale");
    }

    @Test
    void isRegisteredAsAServiceNamedVae() {
        assertThat(ServiceLoader.load(LatentCodecFactory.class).stream().map(p -> p.get().name()))
                .contains("vae", "pixels");
    }
}
