package dev.transfusion.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-folder lock within one process; FaultInjectionTest covers a second JVM and a killed holder. */
class RunLockTest {
    @TempDir
    Path run;

    @Test
    void aSecondWriterFailsAtOnceNamingTheHolderAndTheLockIsFreeAfterRelease() throws Exception {
        long pid = ProcessHandle.current().pid();
        try (RunLock lock = RunLock.acquire(run)) {
            assertThat(lock.takenOverFrom()).isEmpty();
            assertThat(Files.readString(run.resolve(RunLock.FILE))).startsWith("pid " + pid + " on ");
            assertThatThrownBy(() -> RunLock.acquire(run)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("run folder " + run + " is in use by another training run (this process, "
                            + "pid " + pid).hasMessageContaining("choose another --out");
            // the failed attempt did not drop the holder's lock
            assertThat(Files.readString(run.resolve(RunLock.FILE))).startsWith("pid " + pid);
        }
        assertThat(Files.readString(run.resolve(RunLock.FILE))).isEmpty();
        try (RunLock again = RunLock.acquire(run)) {
            assertThat(again.takenOverFrom()).isEmpty();
        }
    }

    @Test
    void aLockFileLeftByAKilledProcessIsTakenOverAndItsHolderReported() throws Exception {
        Files.writeString(run.resolve(RunLock.FILE), "pid 999999 on elsewhere, started 2024-01-01T00:00:00Z\n");
        try (RunLock lock = RunLock.acquire(run)) {
            assertThat(lock.takenOverFrom()).contains("pid 999999 on elsewhere, started 2024-01-01T00:00:00Z");
        }
    }
}
