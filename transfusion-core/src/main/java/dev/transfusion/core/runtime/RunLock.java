package dev.transfusion.core.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer lock of a run folder: an OS file lock ({@link FileChannel#tryLock}) on {@code run.lock}, which
 * dies with its process, so a lock left by a killed run is simply taken over. The file's text (pid, host, start
 * time) only names the holder in messages; a clean release empties it, so text found on taking the lock means
 * the previous holder ended without releasing (it was killed).
 */
public final class RunLock implements AutoCloseable {
    /** File name of the lock in a run folder. */
    public static final String FILE = "run.lock";

    /**
     * Lock files this JVM holds. Checked before opening a second channel: on POSIX systems closing any channel of a
     * file drops every lock the process holds on it, so a failed second attempt must never touch the file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String takenOverFrom;

    private RunLock(Path file, FileChannel channel, FileLock lock, String takenOverFrom) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.takenOverFrom = takenOverFrom;
    }

    /**
     * Locks {@code runDir} (which must exist) for this process, or fails at once naming the holder: another
     * process, or this one (a second writer in the same JVM).
     */
    public static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE).toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            throw new IllegalStateException(inUse(runDir, "this process, pid " + ProcessHandle.current().pid()));
        }
        FileChannel ch = null;
        boolean locked = false;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held through a channel this class did not open; report it like any other holder
            }
            if (lock == null) {
                throw new IllegalStateException(inUse(runDir, holder(ch)));
            }
            String previous = holder(ch);
            byte[] me = describeThisProcess().getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me), 0);
            ch.force(false);
            RunLock held = new RunLock(file, ch, lock, previous.isEmpty() ? null : previous);
            locked = true;
            return held;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot lock the run folder: " + e.getMessage(), e);
        } finally {
            if (!locked) {
                closeQuietly(ch);
                HELD.remove(file);
            }
        }
    }

    /** The holder's text of a lock that was left behind by a process that ended without releasing it. */
    public Optional<String> takenOverFrom() {
        return Optional.ofNullable(takenOverFrom);
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Empties the holder text and releases the lock; the file stays (deleting it would race a new holder). */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot release the run lock: " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
            HELD.remove(file);
        }
    }

    private static String inUse(Path runDir, String holder) {
        return "run folder " + runDir + " is in use by another training run ("
                + (holder.isEmpty() ? "holder not yet recorded" : holder) + ", lock file " + runDir.resolve(FILE)
                + "); wait for it to finish, stop it, or choose another --out";
    }

    private static String holder(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), 4096);
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
            // keep reading until the text is in
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }

    private static String describeThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", started " + Instant.now() + "\n";
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing after a failure: the original error is the one to report
            }
        }
    }
}
