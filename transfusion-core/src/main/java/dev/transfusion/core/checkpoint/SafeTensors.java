package dev.transfusion.core.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transfusion.io.CheckpointException;
import dev.transfusion.io.SafeTensorsFile;
import dev.transfusion.io.TensorFiles;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The safetensors format (as written by PyTorch's {@code safetensors}): an 8-byte little-endian header length N, N
 * bytes of JSON {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}} padded
 * with spaces to a multiple of 8, then the little-endian tensor data in header order. Reading validates everything.
 */
public final class SafeTensors {
    /** Largest header accepted (the reference implementation's limit). */
    static final long MAX_HEADER = 100_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TensorFiles FILES = new TensorFiles() {
        @Override
        public SafeTensorsFile read(Path file) throws IOException {
            return SafeTensors.read(file);
        }

        @Override
        public void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) throws IOException {
            SafeTensors.write(file, tensors, metadata);
        }
    };

    private SafeTensors() {
    }

    /** This format as the plugin SPI's {@link TensorFiles}. */
    public static TensorFiles files() {
        return FILES;
    }

    /** Writes {@code tensors} (in map order) and {@code metadata} to {@code file} atomically. */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        AtomicFiles.write(file, out -> write(out, tensors, metadata));
    }

    /** Writes the safetensors bytes to {@code out} (not closed). */
    public static void write(OutputStream out, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        Objects.requireNonNull(out, "out");
        byte[] header = header(tensors, metadata);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(len.array());
        out.write(header);
        for (HostTensor t : tensors.values()) {
            writeData(out, t);
        }
    }

    /** The padded JSON header for {@code tensors} laid out back to back in map order. */
    static byte[] header(Map<String, HostTensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafeTensorsHeader.METADATA);
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                    Objects.requireNonNull(v, "metadata value for " + k)));
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "tensor name");
            HostTensor t = Objects.requireNonNull(e.getValue(), "tensor " + name);
            if (name.isEmpty() || name.equals(SafeTensorsHeader.METADATA)) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            SafeDType dt = SafeDType.of(t.dtype());
            long bytes = t.shape().size() * dt.bytes;
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", dt.name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape().dims()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeData(OutputStream out, HostTensor t) throws IOException {
        int n = Math.toIntExact(t.shape().size());
        int chunk = 1 << 14;
        if (t.dtype() == DType.BOOL) {
            int[] v = t.ints();
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (v[i] != 0 ? 1 : 0);
            }
            out.write(b);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(chunk * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < n; from += chunk) {
            int len = Math.min(chunk, n - from);
            buf.clear();
            if (t.dtype() == DType.FLOAT32) {
                buf.asFloatBuffer().put(t.floats(), from, len);
            } else {
                buf.asIntBuffer().put(t.ints(), from, len);
            }
            out.write(buf.array(), 0, len * 4);
        }
    }

    /** Reads and validates a safetensors file; any problem is a {@link CheckpointException} naming the file. */
    public static SafeTensorsFile read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = open(file)) {
            SafeTensorsHeader h = header(ch, file);
            long dataStart = 8 + headerLength(ch, file);
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : h.entries()) {
                tensors.put(e.name(), tensor(ch, dataStart, e, file));
            }
            return new SafeTensorsFile(tensors, h.metadata());
        }
    }

    /**
     * Fails with a {@link CheckpointException} naming {@code file}, the tensor and the element when a float tensor
     * holds NaN or an infinity (weights saved from a diverged run would otherwise load silently).
     */
    public static void requireFinite(Path file, Map<String, HostTensor> tensors) throws CheckpointException {
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            if (e.getValue().dtype() != DType.FLOAT32) {
                continue;
            }
            float[] v = e.getValue().floats();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new CheckpointException(file, "tensor '" + e.getKey() + "' holds a non-finite value ("
                            + v[i] + " at element " + i + " of shape " + e.getValue().shape()
                            + "); these weights are unusable (saved from a diverged run, or damaged)");
                }
            }
        }
    }

    /** Reads only the {@code __metadata__} strings (the header is still fully validated). */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = open(file)) {
            return header(ch, file).metadata();
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot open: " + e, e);
        }
    }

    private static long headerLength(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new CheckpointException(file, "file is " + size + " bytes, too short for a safetensors header "
                    + "(needs at least 8)");
        }
        ByteBuffer b = readFully(ch, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        if (n < 0 || n > size - 8) {
            throw new CheckpointException(file, "header length " + Long.toUnsignedString(n) + " goes past the end of "
                    + "the file (" + size + " bytes; not a safetensors file, or truncated)");
        }
        if (n > MAX_HEADER) {
            throw new CheckpointException(file, "header length " + n + " exceeds the limit of " + MAX_HEADER);
        }
        return n;
    }

    private static SafeTensorsHeader header(FileChannel ch, Path file) throws IOException {
        long n = headerLength(ch, file);
        ByteBuffer raw = readFully(ch, 8, (int) n, file);
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().decode(raw).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, "the header is not UTF-8 text (not a safetensors file?)", e);
        }
        return SafeTensorsHeader.parse(json, ch.size() - 8 - n, file);
    }

    private static HostTensor tensor(FileChannel ch, long dataStart, SafeTensorsHeader.Entry e, Path file)
            throws IOException {
        long elements = e.elements();
        if (elements > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file, "tensor '" + e.name() + "' has " + elements
                    + " elements, more than a Java array holds");
        }
        int n = (int) elements;
        ByteBuffer b = readFully(ch, dataStart + e.begin(), Math.toIntExact(e.end() - e.begin()), file)
                .order(ByteOrder.LITTLE_ENDIAN);
        Shape shape = Shape.of(e.shape());
        if (e.dtype().target == DType.FLOAT32) {
            return HostTensor.floats(shape, e.dtype().decodeFloats(b, n));
        }
        int[] ints = e.dtype().decodeInts(b, n);
        if (ints == null) {
            throw new CheckpointException(file, "tensor '" + e.name() + "': an " + e.dtype()
                    + " value does not fit in int32");
        }
        return e.dtype() == SafeDType.BOOL ? HostTensor.bools(shape, ints) : HostTensor.ints(shape, ints);
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int r = ch.read(b, position + b.position());
            if (r < 0) {
                throw new CheckpointException(file, "unexpected end of file at byte " + (position + b.position()));
            }
        }
        b.flip();
        return b;
    }
}
