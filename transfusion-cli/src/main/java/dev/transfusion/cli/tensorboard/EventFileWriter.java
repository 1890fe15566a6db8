package dev.transfusion.cli.tensorboard;

import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Writes a TensorBoard event file {@code events.out.tfevents.<seconds>.<host>} into a folder: scalars and PNG images
 * as {@code Summary} protos inside {@code Event}s, TFRecord-framed, flushed after each so TensorBoard sees a live run.
 */
public final class EventFileWriter implements AutoCloseable {
    /** The prefix TensorBoard looks for. */
    public static final String PREFIX = "events.out.tfevents.";
    private final Path file;
    private final OutputStream out;

    /** Creates the file in {@code dir} (created when missing) and writes the file-version header event. */
    public EventFileWriter(Path dir) {
        try {
            Files.createDirectories(dir);
            long now = System.currentTimeMillis();
            Path f = dir.resolve(PREFIX + now / 1000 + "." + host());
            for (int i = 1; Files.exists(f); i++) { // two runs in one second: keep both
                f = dir.resolve(PREFIX + now / 1000 + "." + host() + "." + i);
            }
            this.file = f;
            this.out = Files.newOutputStream(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            write(Event.newBuilder().setWallTime(now / 1000.0).setFileVersion("brain.Event:2").build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a TensorBoard event file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The event file. */
    public Path file() {
        return file;
    }

    /** Logs {@code value} under {@code tag} at {@code step}. */
    public void scalar(String tag, long step, double value) {
        write(event(step, Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value)));
    }

    /** Logs {@code image} as a PNG image summary under {@code tag} at {@code step}. */
    public void image(String tag, long step, BufferedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the TensorBoard image " + tag + ": " + e.getMessage(), e);
        }
        Summary.Image img = Summary.Image.newBuilder().setHeight(image.getHeight()).setWidth(image.getWidth())
                .setColorspace(image.getColorModel().hasAlpha() ? 4 : 3)
                .setEncodedImageString(ByteString.copyFrom(png.toByteArray())).build();
        write(event(step, Summary.Value.newBuilder().setTag(tag).setImage(img)));
    }

    private static Event event(long step, Summary.Value.Builder value) {
        return Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step)
                .setSummary(Summary.newBuilder().addValue(value)).build();
    }

    private synchronized void write(Event e) {
        try {
            TfRecords.write(out, e.toByteArray());
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write TensorBoard events to " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
