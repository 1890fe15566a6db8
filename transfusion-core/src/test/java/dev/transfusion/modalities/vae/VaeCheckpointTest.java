package dev.transfusion.modalities.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.io.CheckpointException;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeCheckpointTest {
    private static final VaeConfig TINY = new VaeConfig(3, 4, 4, List.of(8, 8), 1, 4);

    private static TrainedVae randomVae() {
        return new TrainedVae(TINY, ParamInitializer.initialize(new VaeModel(TINY).params(), 9), 0.75);
    }

    @Test
    void savesAndLoadsWeightsConfigAndScale(@TempDir Path tmp) throws Exception {
        TrainedVae vae = randomVae();
        Path file = VaeCheckpoint.save(tmp.resolve("vae"), vae, SafeTensors.files());
        assertThat(file).isEqualTo(tmp.resolve("vae").resolve(VaeCheckpoint.FILE));
        assertThat(SafeTensors.readMetadata(file)).containsEntry("format", VaeConfig.FORMAT)
                .containsEntry("latent_channels", "4").containsEntry("scale_factor", "0.75");
        TrainedVae back = VaeCheckpoint.load(tmp.resolve("vae"), SafeTensors.files());
        assertThat(back.config()).isEqualTo(TINY);
        assertThat(back.scaleFactor()).isEqualTo(0.75);
        assertThat(back.weights()).isEqualTo(vae.weights());
        assertThat(VaeCheckpoint.load(file, SafeTensors.files()).weights()).isEqualTo(vae.weights());
        try (var listing = Files.list(tmp.resolve("vae"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(VaeCheckpoint.FILE);
        }
    }

    @Test
    void aMissingCheckpointNamesThePath(@TempDir Path tmp) {
        assertThatThrownBy(() -> VaeCheckpoint.load(tmp.resolve("nope"), SafeTensors.files())).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(tmp.resolve("nope").toString());
        assertThatThrownBy(() -> VaeCheckpoint.load(tmp, SafeTensors.files())).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(tmp.resolve(VaeCheckpoint.FILE).toString()).hasMessageContaining("no VAE");
    }

    @Test
    void aForeignSafetensorsFileIsRejectedByName(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(VaeCheckpoint.FILE);
        SafeTensors.write(file, Map.of("w", HostTensor.zeros(Shape.of(2))), Map.of("format", "pt"));
        assertThatThrownBy(() -> VaeCheckpoint.load(tmp, SafeTensors.files())).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a transfusion VAE");
    }

    @Test
    void weightsThatDoNotFitTheArchitectureAreRejected(@TempDir Path tmp) throws Exception {
        Map<String, HostTensor> w = new LinkedHashMap<>(randomVae().weights());
        w.put("decoder.conv_out.bias", HostTensor.zeros(Shape.of(5)));
        Map<String, String> meta = new LinkedHashMap<>(TINY.toMetadata());
        meta.put(VaeCheckpoint.SCALE_FACTOR, "1.0");
        SafeTensors.write(tmp.resolve(VaeCheckpoint.FILE), w, meta);
        assertThatThrownBy(() -> VaeCheckpoint.load(tmp, SafeTensors.files())).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("decoder.conv_out.bias").hasMessageContaining("[5]");

        w.remove("decoder.conv_out.bias");
        SafeTensors.write(tmp.resolve(VaeCheckpoint.FILE), w, meta);
        assertThatThrownBy(() -> VaeCheckpoint.load(tmp, SafeTensors.files())).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("missing VAE weight 'decoder.conv_out.bias'");
    }
}
