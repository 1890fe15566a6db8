package dev.transfusion.io;

import dev.transfusion.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes named tensors with string metadata (the host implements it with safetensors), so a plugin that
 * loads or saves weights, such as a learned latent codec, needs no file-format library of its own.
 */
public interface TensorFiles {
    /** Every tensor and the metadata of {@code file}; a damaged file is a {@link CheckpointException} naming it. */
    SafeTensorsFile read(Path file) throws IOException;

    /** Writes {@code tensors} and {@code metadata} to {@code file} atomically (a temp file, then a rename). */
    void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) throws IOException;
}
