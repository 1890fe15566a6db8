package dev.transfusion.modalities.vae;

import dev.transfusion.backend.BackendFactory;
import dev.transfusion.modality.ImageGeometry;
import dev.transfusion.modality.LatentCodec;
import dev.transfusion.modality.LatentCodecFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code vae} codec plugin: param {@code checkpoint}, the run folder written by {@code train-vae} (see
 * {@link VaeTrainingTask#save}; resolved against the config's folder). The directory must exist when the config is
 * read; its weights are loaded onto the backend (the context's {@link BackendFactory#BACKEND}) for the context's
 * {@link #IMAGE} geometry.
 */
public final class VaeCodecFactory implements LatentCodecFactory {
    @Override
    public String name() {
        return "vae";
    }

    @Override
    public LatentCodec create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        spec.requireOnly("checkpoint");
        String value = spec.getString("checkpoint", null);
        if (value == null || value.isBlank()) {
            throw spec.error("checkpoint", "required: the directory of a trained VAE (written by train-vae)");
        }
        Path base = context.baseDir() == null ? Path.of("") : context.baseDir();
        Path dir = base.resolve(value).normalize();
        if (!Files.exists(dir)) {
            throw spec.error("checkpoint", "no VAE checkpoint at " + dir.toAbsolutePath()
                    + " (train one first: transfusion train-vae --config CONFIG --out " + value + ")");
        }
        ImageGeometry image = context.require(IMAGE);
        TrainedVae vae;
        try {
            vae = VaeCheckpoint.load(dir, context.tensorFiles());
        } catch (IOException e) {
            throw spec.error("checkpoint", "cannot load the VAE: " + e.getMessage());
        }
        if (image.channels() != vae.config().imageChannels()) {
            throw spec.error("checkpoint", "the VAE at " + dir + " encodes " + vae.config().imageChannels()
                    + "-channel images, the data has " + image.channels());
        }
        if (image.size() % vae.config().downsample() != 0) {
            throw spec.error("checkpoint", "the VAE at " + dir + " downsamples by " + vae.config().downsample()
                    + ", which does not divide the image size " + image.size());
        }
        return new VaeCodec(context.require(BackendFactory.BACKEND), vae, dir.toString());
    }

    @Override
    public List<String> fileParams() {
        return List.of("checkpoint");
    }

    @Override
    public String description() {
        return "trained KL-regularised VAE (deterministic mean × scale factor), loaded from a checkpoint directory";
    }
}
