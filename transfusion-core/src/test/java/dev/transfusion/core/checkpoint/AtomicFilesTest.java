package dev.transfusion.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement of files. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void writesAndReplaces() throws Exception {
        Path f = dir.resolve("sub/a.txt");
        AtomicFiles.writeString(f, "one");
        assertThat(Files.readString(f)).isEqualTo("one");
        AtomicFiles.write(f, out -> {
            out.write("two".getBytes(StandardCharsets.UTF_8));
            out.close(); // closing early is harmless
        });
        assertThat(Files.readString(f)).isEqualTo("two");
        assertThat(filesIn(f.getParent())).isEqualTo(1);
    }

    @Test
    void failureLeavesTheOldFileAndNoTempFile() throws Exception {
        Path f = dir.resolve("a.bin");
        AtomicFiles.writeString(f, "old content");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        })).isInstanceOf(IOException.class).hasMessage("disk full (simulated)");
        assertThat(Files.readString(f)).isEqualTo("old content");
        assertThat(filesIn(dir)).isEqualTo(1);

        Path fresh = dir.resolve("new.bin");
        assertThatThrownBy(() -> AtomicFiles.write(fresh, out -> {
            throw new IllegalStateException("bug in writer");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(fresh).doesNotExist();
        assertThat(filesIn(dir)).isEqualTo(1);
    }
}
