package dev.transfusion.cli.tensorboard;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, as TensorBoard reads event files: {@code uint64 length}, {@code uint32 masked CRC32C of the
 * length bytes}, the data, {@code uint32 masked CRC32C of the data}; all little-endian.
 */
public final class TfRecords {
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {
    }

    /** TensorFlow's masked CRC32C: the CRC rotated right by 15 bits plus a constant. */
    public static int maskedCrc(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Writes one framed record. */
    public static void write(OutputStream out, byte[] data) throws IOException {
        byte[] header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        ByteBuffer frame = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        frame.put(header).putInt(maskedCrc(header, 0, 8)).put(data).putInt(maskedCrc(data, 0, data.length));
        out.write(frame.array());
    }

    /** Every record of {@code file}, checking both CRCs of each; a torn or corrupt record is an error naming it. */
    public static List<byte[]> readAll(Path file) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); DataInputStream d = new DataInputStream(in)) {
            while (true) {
                byte[] header = new byte[8];
                int n = d.readNBytes(header, 0, 8);
                if (n == 0) {
                    return records;
                }
                if (n < 8) {
                    throw new EOFException(file + ": record " + records.size() + " is cut short in its length");
                }
                long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (readInt(d) != maskedCrc(header, 0, 8)) {
                    throw new IOException(file + ": record " + records.size() + " has a bad length CRC");
                }
                if (length < 0 || length > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": record " + records.size() + " claims " + length + " bytes");
                }
                byte[] data = new byte[(int) length];
                d.readFully(data);
                if (readInt(d) != maskedCrc(data, 0, data.length)) {
                    throw new IOException(file + ": record " + records.size() + " has a bad data CRC");
                }
                records.add(data);
            }
        }
    }

    private static int readInt(DataInputStream d) throws IOException {
        byte[] b = new byte[4];
        d.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
