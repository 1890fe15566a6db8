package dev.transfusion.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** A checkpoint or safetensors file that cannot be used; the message names the file and what is wrong with it. */
public class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates an exception about {@code file}. */
    public CheckpointException(Path file, String problem) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem"));
        this.file = file;
    }

    /** Creates an exception about {@code file} with its cause. */
    public CheckpointException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.file = file;
    }

    /** The file (or checkpoint directory) concerned. */
    public Path file() {
        return file;
    }
}
