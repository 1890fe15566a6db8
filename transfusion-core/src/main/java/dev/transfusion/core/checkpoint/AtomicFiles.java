package dev.transfusion.core.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Crash-safe file writes: the content goes to a hidden temp file in the same folder, is fsynced, and is renamed over
 * the target with {@code ATOMIC_MOVE}; readers see the old file or the new one, never a part.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code file} from what {@code writer} puts into the stream. On failure the old file (if any) is
     * untouched, the temp file is removed and the exception propagates.
     */
    public static void write(Path file, IOConsumer<OutputStream> writer) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(writer, "writer");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                writer.accept(new NonClosingOutputStream(out));
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes {@code text} as UTF-8 to {@code file} atomically. */
    public static void writeString(Path file, String text) throws IOException {
        Objects.requireNonNull(text, "text");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    /** Flushes a directory's entries (the rename) to disk where the platform allows it; best effort elsewhere. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open or sync a directory; the rename itself is still atomic.
        }
    }

    /** Hands the writer a stream whose close() only flushes, so the temp file is synced before it closes. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
