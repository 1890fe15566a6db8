package dev.transfusion.cli;

import dev.transfusion.data.Images;
import dev.transfusion.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The images {@code caption} reads: files as given, folders expanded to their image files (sorted); each image is
 * converted to the model's square RGB input with a note saying what was changed (size, aspect, alpha, bit depth,
 * grey), and a file that cannot be decoded gets an error in our words rather than the image library's.
 */
final class CaptionInputs {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private CaptionInputs() {
    }

    /** An image ready for the model, and what was done to it (empty when it was used as is). */
    record Loaded(HostTensor pixels, List<String> notes) {
    }

    /** The image files named by {@code paths}: files as given, folders expanded (not recursively), sorted. */
    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                List<Path> images = s.filter(f -> Files.isRegularFile(f) && isImageName(f)).sorted().toList();
                if (images.isEmpty()) {
                    throw new IllegalArgumentException("IMAGE folder " + p + " holds no image files (expected "
                            + String.join(", ", EXTENSIONS) + ")");
                }
                files.addAll(images);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the folder " + p + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** Reads {@code file} as RGB {@code (3, size, size)}. */
    static Loaded load(Path file, int size) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("not readable (permissions)");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a decodable image (" + e.getClass().getSimpleName() + " from the image "
                    + "decoder: " + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new IOException("not a PNG, JPEG, BMP or GIF image (no decoder recognises its contents)");
        }
        List<String> notes = new ArrayList<>();
        int w = img.getWidth();
        int h = img.getHeight();
        if (w != h) {
            notes.add("centre-cropped " + w + "x" + h + " to " + Math.min(w, h) + "x" + Math.min(w, h));
        }
        if (Math.min(w, h) != size) {
            notes.add("resized " + Math.min(w, h) + "px to the model's " + size + "px");
        }
        if (img.getColorModel().hasAlpha()) {
            notes.add("composited its alpha channel over white");
        }
        int bits = img.getColorModel().getComponentSize(0);
        if (bits != 8) {
            notes.add("scaled its " + bits + "-bit samples to the model's [0, 1] range");
        }
        if (img.getColorModel().getNumColorComponents() == 1) {
            notes.add("expanded grey to RGB");
        }
        return new Loaded(Images.fromBufferedImage(img, size), notes);
    }

    private static boolean isImageName(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
