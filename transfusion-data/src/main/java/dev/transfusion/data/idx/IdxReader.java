package dev.transfusion.data.idx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-style IDX files (raw or gzipped, detected by the gzip magic bytes) and validates them: the magic number,
 * the dimensions, and that the file holds as many bytes as its header promises. Every error names the file.
 */
public final class IdxReader {
    /** Magic of unsigned-byte data with 3 dimensions (images: count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of unsigned-byte data with 1 dimension (labels: count). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** The images of {@code file} (magic 0x00000803). */
    public static IdxImages readImages(Path file) throws IOException {
        ByteBuffer b = open(file, IMAGES_MAGIC, 16, "images");
        int count = b.getInt(4), rows = b.getInt(8), cols = b.getInt(12);
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IOException(file + ": bad image dimensions in header: count " + count + ", " + rows + "x" + cols);
        }
        long need = 16 + (long) count * rows * cols;
        checkLength(file, b, need, "header says " + count + " images of " + rows + "x" + cols);
        byte[] pixels = new byte[Math.toIntExact(need - 16)];
        b.get(16, pixels);
        return new IdxImages(count, rows, cols, pixels);
    }

    /** The labels of {@code file} (magic 0x00000801), each 0..255. */
    public static int[] readLabels(Path file) throws IOException {
        ByteBuffer b = open(file, LABELS_MAGIC, 8, "labels");
        int count = b.getInt(4);
        if (count < 0) {
            throw new IOException(file + ": bad label count in header: " + count);
        }
        checkLength(file, b, 8 + (long) count, "header says " + count + " labels");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = b.get(8 + i) & 0xFF;
        }
        return labels;
    }

    private static ByteBuffer open(Path file, int magic, int headerBytes, String role) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IOException(role + " file not found: " + file);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new IOException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
            }
        }
        if (bytes.length < headerBytes) {
            throw new IOException(file + ": " + bytes.length + " bytes is too short for an IDX " + role + " header ("
                    + headerBytes + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes); // big-endian, as IDX is
        int found = b.getInt(0);
        if (found != magic) {
            String hint = found == IMAGES_MAGIC ? " (that is an images file)"
                    : found == LABELS_MAGIC ? " (that is a labels file)" : "";
            throw new IOException(String.format("%s: not an IDX %s file: expected magic 0x%08X, found 0x%08X%s",
                    file, role, magic, found, hint));
        }
        return b;
    }

    private static void checkLength(Path file, ByteBuffer b, long need, String what) throws IOException {
        if (b.capacity() < need) {
            throw new IOException(file + ": truncated: " + what + " (" + need + " bytes) but it has " + b.capacity()
                    + " bytes");
        }
    }
}
