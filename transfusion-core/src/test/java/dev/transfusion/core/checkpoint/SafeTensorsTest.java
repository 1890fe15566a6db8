package dev.transfusion.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.io.CheckpointException;
import dev.transfusion.io.SafeTensorsFile;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors format, checked against bytes assembled by hand from the specification. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    /** A file as PyTorch's safetensors writes {"a": float32 [[1,2],[3,4]], "b": int32 [1,2,3]} with format=pt. */
    static byte[] pytorchStyleFile() {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"I32\",\"shape\":[3],\"data_offsets\":[16,28]}}";
        int pad = (8 - json.length() % 8) % 8;
        String header = json + " ".repeat(pad);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 28).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (float f : new float[] {1, 2, 3, 4}) {
            b.putFloat(f);
        }
        for (int i : new int[] {1, 2, 3}) {
            b.putInt(i);
        }
        return b.array();
    }

    /** The same two tensors as written by the Python safetensors library 0.8.0 ({@code safetensors.numpy.save}). */
    static final String PYTHON_HEX = "90000000000000007b225f5f6d657461646174615f5f223a7b22666f726d6174223a227074227d2c2261"
            + "223a7b226474797065223a22463332222c227368617065223a5b322c325d2c22646174615f6f666673657473223a5b302c31365d"
            + "7d2c2262223a7b226474797065223a22493332222c227368617065223a5b335d2c22646174615f6f666673657473223a5b31362c"
            + "32385d7d7d200000803f000000400000404000008040010000000200000003000000";

    /**
     * Written by Python safetensors 0.8.0: {"m": bool [T, F, T], "h": float16 [1, -2, 0.5], "l": int64 [-5, 2^30],
     * "z": float32 zeros (2, 0)}; note its data order differs from alphabetical (sorted by dtype alignment).
     */
    static final String PYTHON_MIXED_HEX = "e0000000000000007b226c223a7b226474797065223a22493634222c227368617065223a5b32"
            + "5d2c22646174615f6f666673657473223a5b302c31365d7d2c227a223a7b226474797065223a22463332222c227368617065223a"
            + "5b322c305d2c22646174615f6f666673657473223a5b31362c31365d7d2c2268223a7b226474797065223a22463136222c227368"
            + "617065223a5b335d2c22646174615f6f666673657473223a5b31362c32325d7d2c226d223a7b226474797065223a22424f4f4c22"
            + "2c227368617065223a5b335d2c22646174615f6f666673657473223a5b32322c32355d7d7d20fbffffffffffffff000000400000"
            + "0000003c00c00038010001";

    static byte[] hex(String h) {
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test
    void handAssemblyMatchesThePythonLibrary() {
        assertThat(pytorchStyleFile()).isEqualTo(hex(PYTHON_HEX));
    }

    @Test
    void readsAMixedFileWrittenByThePythonLibrary() throws Exception {
        SafeTensorsFile f = SafeTensors.read(file("py.safetensors", hex(PYTHON_MIXED_HEX)));
        assertThat(f.tensors().keySet()).containsExactly("l", "z", "h", "m");
        assertThat(f.tensors().get("l")).isEqualTo(HostTensor.ints(Shape.of(2), new int[] {-5, 1 << 30}));
        assertThat(f.tensors().get("z")).isEqualTo(HostTensor.floats(Shape.of(2, 0), new float[0]));
        assertThat(f.tensors().get("h")).isEqualTo(HostTensor.floats(Shape.of(3), new float[] {1, -2, 0.5f}));
        assertThat(f.tensors().get("m")).isEqualTo(HostTensor.bools(Shape.of(3), new int[] {1, 0, 1}));
        assertThat(f.metadata()).isEmpty();
    }

    private static Map<String, HostTensor> sample() {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        m.put("a", HostTensor.floats(Shape.of(2, 2), new float[] {1, 2, 3, 4}));
        m.put("b", HostTensor.ints(Shape.of(3), new int[] {1, 2, 3}));
        return m;
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsAHandAssembledFile() throws Exception {
        SafeTensorsFile f = SafeTensors.read(file("pt.safetensors", pytorchStyleFile()));
        assertThat(f.metadata()).containsExactly(Map.entry("format", "pt"));
        assertThat(f.tensors()).containsExactlyEntriesOf(sample());
    }

    @Test
    void writesExactlyTheSpecifiedBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafeTensors.write(out, sample(), Map.of("format", "pt"));
        assertThat(out.toByteArray()).isEqualTo(pytorchStyleFile());
        // the header length is a multiple of 8 so the data is aligned
        long n = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
    }

    @Test
    void roundTripsEveryDtypeShapesAndMetadata() throws Exception {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        m.put("layers.0.attn.wq.weight", HostTensor.floats(Shape.of(2, 3), new float[] {-1.5f, 0, 1e-30f,
                Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY}));
        m.put("scalar", HostTensor.scalar(7.25f));
        m.put("ids", HostTensor.ints(Shape.of(1, 2, 2), new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}));
        m.put("mask", HostTensor.bools(Shape.of(3), new int[] {1, 0, 1}));
        m.put("empty", HostTensor.floats(Shape.of(0, 4), new float[0]));
        float[] big = new float[40_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i);
        }
        m.put("big", HostTensor.floats(Shape.of(200, 200), big));
        Map<String, String> meta = Map.of("config", "model:\n  dim: 8\n", "step", "12");
        Path p = dir.resolve("x.safetensors");
        SafeTensors.write(p, m, meta);
        SafeTensorsFile f = SafeTensors.read(p);
        assertThat(f.tensors()).containsExactlyEntriesOf(m);
        assertThat(f.metadata()).isEqualTo(meta);
        assertThat(SafeTensors.readMetadata(p)).isEqualTo(meta);
        // size: 8 + padded header + 24 + 4 + 16 + 3 + 0 + 160000 data bytes
        long header = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(Files.size(p)).isEqualTo(8 + header + 24 + 4 + 16 + 3 + 160_000);
    }

    @Test
    void readsHalfPrecisionAndInt64AsPyTorchWritesThem() throws Exception {
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[0,10]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[10,14]},"
                + "\"l\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[14,30]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + json.length() + 30).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length()).put(json.getBytes(StandardCharsets.US_ASCII));
        for (int h : new int[] {0x3C00, 0xC000, 0x3800, 0x0001, 0x7C00}) {
            b.putShort((short) h);
        }
        b.putShort((short) 0x3F80).putShort((short) 0xC0A0);
        b.putLong(-5).putLong(1L << 30);
        SafeTensorsFile f = SafeTensors.read(file("h.safetensors", b.array()));
        assertThat(f.tensors().get("h").floats()).containsExactly(1f, -2f, 0.5f, (float) Math.pow(2, -24),
                Float.POSITIVE_INFINITY);
        assertThat(f.tensors().get("bf").floats()).containsExactly(1f, -5f);
        assertThat(f.tensors().get("l")).isEqualTo(HostTensor.ints(Shape.of(2), new int[] {-5, 1 << 30}));
    }

    @Test
    void truncatedFilesAreClearErrors() throws Exception {
        byte[] good = pytorchStyleFile();
        Path shortFile = file("short.safetensors", Arrays.copyOf(good, 5));
        assertThatThrownBy(() -> SafeTensors.read(shortFile)).isInstanceOf(CheckpointException.class)
                .hasMessage(shortFile + ": file is 5 bytes, too short for a safetensors header (needs at least 8)");
        Path cutHeader = file("cut1.safetensors", Arrays.copyOf(good, 40));
        assertThatThrownBy(() -> SafeTensors.read(cutHeader))
                .hasMessage(cutHeader + ": header length 144 goes past the end of the file (40 bytes; not a "
                        + "safetensors file, or truncated)");
        Path cutData = file("cut2.safetensors", Arrays.copyOf(good, good.length - 4));
        assertThatThrownBy(() -> SafeTensors.read(cutData))
                .hasMessage(cutData + ": tensor 'b': data_offsets [16, 28] are out of range: the data section has 24 "
                        + "bytes");
    }

    @Test
    void foreignFilesAreClearErrors() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Path p = file("image.png", png);
        assertThatThrownBy(() -> SafeTensors.read(p)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(p + ": header length ").hasMessageContaining("not a safetensors file");
        Path text = file("notes.txt", "hello, this is plain text and not tensors at all\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SafeTensors.read(text)).hasMessageStartingWith(text + ": header length ")
                .hasMessageContaining("not a safetensors file");
        Path missing = dir.resolve("missing.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(missing)).isInstanceOf(CheckpointException.class)
                .hasMessage(missing + ": no such file");
    }

    /** A file with the given header JSON and {@code dataBytes} zero bytes of data. */
    private Path withHeader(String json, int dataBytes) throws Exception {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return file("bad.safetensors", b.array());
    }

    private String error(String json, int dataBytes) throws Exception {
        Path p = withHeader(json, dataBytes);
        try {
            SafeTensors.read(p);
        } catch (CheckpointException e) {
            assertThat(e.getMessage()).startsWith(p + ": ");
            assertThat(e.file()).isEqualTo(p);
            return e.getMessage().substring(p.toString().length() + 2);
        }
        throw new AssertionError("no error for " + json);
    }

    @Test
    void headerProblemsAreNamed() throws Exception {
        assertThat(error("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], ", 8)).startsWith("the header is not valid JSON");
        assertThat(error("[1, 2]", 0)).isEqualTo("the header does not start with '{' (not a safetensors file?)");
        assertThat(error("{\"a\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4))
                .startsWith("tensor 'a': unknown or unsupported dtype 'Q7' (supported: [F32, I32, BOOL,");
        assertThat(error("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8))
                .isEqualTo("tensor 'a': data_offsets [0, 8] hold 8 bytes but F32 shape [3] needs 12");
        assertThat(error("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12))
                .isEqualTo("tensor 'b': data_offsets [4, 12] overlap tensor 'a' [0, 8]");
        assertThat(error("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8))
                .isEqualTo("tensor 'a': data_offsets begin at 4 but the previous tensor ends at 0 (the data section "
                        + "must have no holes)");
        assertThat(error("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8))
                .isEqualTo("the data section has 8 bytes but the tensors cover 4 (trailing bytes)");
        assertThat(error("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4))
                .isEqualTo("tensor 'a': shape: expected non-negative integers, got [-1]");
        assertThat(error("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8))
                .isEqualTo("tensor 'a': data_offsets [8, 4] end before they begin");
        assertThat(error("{\"__metadata__\":{\"step\":3}}", 0)).isEqualTo("__metadata__.step must be a string, got 3");
        assertThat(error("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4))
                .isEqualTo("tensor 'a': unknown field 'x' (expected dtype, shape, data_offsets)");
    }

    @Test
    void int64ValuesOutsideInt32AreRejected() throws Exception {
        String json = "{\"l\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + json.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length()).put(json.getBytes(StandardCharsets.US_ASCII)).putLong(1L << 40);
        Path p = file("l.safetensors", b.array());
        assertThatThrownBy(() -> SafeTensors.read(p)).hasMessage(p + ": tensor 'l': an I64 value does not fit in int32");
    }
}
