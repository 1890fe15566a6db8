package dev.transfusion.cli.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Event files as TensorBoard reads them: TFRecord frames with masked CRC32C around Event protos. */
class EventFileWriterTest {
    @Test
    void crc32cIsTheCastagnoliPolynomialAndTheMaskIsTensorFlows() {
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(crc.getValue()).isEqualTo(0xE3069283L); // the standard CRC-32C check value
        // TensorFlow's mask (crc32c.h): rotate right by 15 and add 0xa282ead8, here worked out by hand for that CRC
        int rotated = Integer.rotateRight(0xE3069283, 15);
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(TfRecords.maskedCrc(data, 0, data.length)).isEqualTo(rotated + 0xa282ead8);
    }

    @Test
    void framesHoldLengthCrcsAndTheDataLittleEndian() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = {1, 2, 3};
        TfRecords.write(out, data);
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.size()).isEqualTo(8 + 4 + 3 + 4);
        assertThat(b.getLong(0)).isEqualTo(3);
        assertThat(b.getInt(8)).isEqualTo(TfRecords.maskedCrc(out.toByteArray(), 0, 8));
        assertThat(b.getInt(15)).isEqualTo(TfRecords.maskedCrc(data, 0, 3));
    }

    @Test
    void scalarsAndImagesReadBack(@TempDir Path dir) throws IOException {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(4, 2, 0xFF0000);
        Path file;
        try (EventFileWriter w = new EventFileWriter(dir)) {
            file = w.file();
            w.scalar("train/loss", 10, 2.5);
            w.scalar("train/loss", 20, 1.25);
            w.image("samples", 20, img);
        }
        assertThat(file.getFileName().toString()).startsWith(EventFileWriter.PREFIX);
        List<Event> events = EventFiles.read(file);
        assertThat(events).hasSize(4);
        assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        Summary.Value first = events.get(1).getSummary().getValue(0);
        assertThat(events.get(1).getStep()).isEqualTo(10);
        assertThat(first.getTag()).isEqualTo("train/loss");
        assertThat(first.getSimpleValue()).isEqualTo(2.5f);
        assertThat(events.get(2).getSummary().getValue(0).getSimpleValue()).isEqualTo(1.25f);
        Summary.Image image = events.get(3).getSummary().getValue(0).getImage();
        assertThat(image.getWidth()).isEqualTo(5);
        assertThat(image.getHeight()).isEqualTo(3);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(image.getEncodedImageString().toByteArray()));
        assertThat(back.getRGB(4, 2) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(back.getRGB(0, 0) & 0xFFFFFF).isZero();
    }

    @Test
    void aCorruptByteIsReportedAsABadCrc(@TempDir Path dir) throws IOException {
        Path file;
        try (EventFileWriter w = new EventFileWriter(dir)) {
            file = w.file();
            w.scalar("x", 1, 1);
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 1; // inside the last record's data
        Files.write(file, bytes);
        assertThatThrownBy(() -> TfRecords.readAll(file)).hasMessageContaining("record 1 has a bad data CRC");
    }
}
