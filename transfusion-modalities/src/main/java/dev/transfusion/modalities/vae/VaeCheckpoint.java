package dev.transfusion.modalities.vae;

import dev.transfusion.io.CheckpointException;
import dev.transfusion.io.SafeTensorsFile;
import dev.transfusion.io.TensorFiles;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A VAE checkpoint directory: {@code vae.safetensors} holding the weights (PyTorch names, float32) and a
 * {@code __metadata__} with the architecture ({@link VaeConfig#toMetadata}) and {@code scale_factor}. Written
 * atomically (temp file + rename).
 */
public final class VaeCheckpoint {
    /** The weights file inside a checkpoint directory. */
    public static final String FILE = "vae.safetensors";
    /** Metadata key of the latent scale factor. */
    public static final String SCALE_FACTOR = "scale_factor";

    private VaeCheckpoint() {
    }

    /** Writes {@code vae} into directory {@code dir} (created if needed) with {@code files}; returns the weights file. */
    public static Path save(Path dir, TrainedVae vae, TensorFiles files) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(vae, "vae");
        Map<String, String> meta = new LinkedHashMap<>(vae.config().toMetadata());
        meta.put(SCALE_FACTOR, Double.toString(vae.scaleFactor()));
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        files.write(file, vae.weights(), meta);
        return file;
    }

    /**
     * Reads a checkpoint from {@code dir} (a checkpoint directory, or the {@code .safetensors} file itself). A
     * missing path, a file that is not one of our VAEs, or weights that do not match the architecture is a
     * {@link CheckpointException} naming the path.
     */
    public static TrainedVae load(Path dir, TensorFiles files) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path file = Files.isDirectory(dir) ? dir.resolve(FILE) : dir;
        if (!Files.exists(file)) {
            throw new CheckpointException(file, Files.isDirectory(dir)
                    ? "no VAE checkpoint here: the directory has no " + FILE + " (train one with train-vae)"
                    : "no such VAE checkpoint (expected a directory holding " + FILE + ")");
        }
        SafeTensorsFile st = files.read(file);
        VaeConfig config;
        double scale;
        try {
            config = VaeConfig.fromMetadata(st.metadata(), file.toString());
            String s = st.metadata().get(SCALE_FACTOR);
            if (s == null) {
                throw new IllegalArgumentException("__metadata__ lacks '" + SCALE_FACTOR + "'");
            }
            scale = Double.parseDouble(s);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        Set<String> unexpected = new TreeSet<>(st.tensors().keySet());
        for (ParamSpec spec : new VaeModel(config).params()) {
            HostTensor t = st.tensors().get(spec.name());
            if (t == null) {
                throw new CheckpointException(file, "missing VAE weight '" + spec.name() + "' " + spec.shape());
            }
            if (!t.shape().equals(spec.shape())) {
                throw new CheckpointException(file, "VAE weight '" + spec.name() + "' has shape " + t.shape()
                        + ", the architecture in __metadata__ needs " + spec.shape());
            }
            weights.put(spec.name(), t);
            unexpected.remove(spec.name());
        }
        if (!unexpected.isEmpty()) {
            throw new CheckpointException(file, "tensors that are not part of the VAE: " + unexpected);
        }
        try {
            return new TrainedVae(config, weights, scale);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
    }
}
