package dev.transfusion.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks of command-line values made before any model is loaded; each error names the flag and what it expected. */
final class CliChecks {
    private CliChecks() {
    }

    /** {@code value} when it is a finite number at least {@code min}. */
    static double finiteAtLeast(String flag, double value, double min) {
        if (!Double.isFinite(value) || value < min) {
            throw new IllegalArgumentException(flag + " must be a finite number >= " + min + ", got " + value);
        }
        return value;
    }

    /** {@code value} when it is at least {@code min}. */
    static int atLeast(String flag, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(flag + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** A file about to be written: not a folder, not an existing file unless {@code force}, its folder creatable. */
    static void newFile(String flag, Path file, boolean force) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(flag + " " + file + " is a folder, but a file is expected here");
        }
        if (Files.exists(file) && !force) {
            throw new IllegalArgumentException(flag + " " + file + " already exists; pass --force to overwrite it");
        }
        parentIsFolder(flag, file);
    }

    /** A folder about to receive {@code outputs}: not a file, and holding none of them unless {@code force}. */
    static void outputFolder(String flag, Path dir, boolean force, List<String> outputs) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(flag + " " + dir + " is a file, but a folder is expected here");
        }
        for (String name : outputs) {
            if (Files.exists(dir.resolve(name)) && !force) {
                throw new IllegalArgumentException(flag + " " + dir + " already holds " + name
                        + "; pass --force to overwrite, or choose another folder");
            }
        }
        parentIsFolder(flag, dir);
    }

    private static void parentIsFolder(String flag, Path path) {
        for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException(flag + " " + path + ": " + p + " is a file, not a folder");
                }
                if (!Files.isWritable(p)) {
                    throw new IllegalArgumentException(flag + " " + path + ": folder " + p + " is not writable");
                }
                return;
            }
        }
    }
}
