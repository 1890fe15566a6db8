package dev.transfusion.core.checkpoint;

import java.io.IOException;

/** A consumer that may throw {@link IOException} (writes the content of a file). */
@FunctionalInterface
public interface IOConsumer<T> {
    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
