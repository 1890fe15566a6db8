package dev.transfusion.core.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.RunLock;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: each fault of issue #20 is done for real and the behaviour checked: a second writer (a real
 * second JVM) on one run folder, {@code kill -9} of a run while it writes a checkpoint and the exact resume, damaged,
 * truncated and NaN checkpoints, an incompatible resume, a torn metrics line. Tiny model, a minute or so on 2 cores.
 */
@Tag("faults")
class FaultInjectionTest {
    /** The run every test trains (the child JVM too). */
    static final String CONFIG = """
            seed: 5
            backend: { type: djl }
            model: { dim: 16, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            sampler: { type: ddim, steps: 2, cfg: 2.0 }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 4, batch: 2, seq_len: 48, lr: 1.0e-3, warmup: 2, log_every: 1, checkpoint_every: 2 }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Experiment experiment(String... overrides) {
        return Experiment.create(ConfigLoader.parse(CONFIG, "faults.yaml", List.of(overrides)), Path.of("."));
    }

    private static void train(Path dir, boolean resume, String... overrides) {
        try (Experiment e = experiment(overrides)) {
            TrainingRun.train(e, dir, resume, TrainingListener.none());
        }
    }

    /** What {@code action} printed on stderr (notes and warnings). */
    private static String stderrOf(Runnable action) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path step(Path run, long step) {
        return run.resolve("checkpoints").resolve(CheckpointStore.dirName(step));
    }

    private static List<Long> loggedSteps(Path run) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(TrainingRun.METRICS_FILE))) {
            out.add(JSON.readTree(line).get("step").asLong());
        }
        return out;
    }

    private static List<Double> loggedLosses(Path run) throws IOException {
        List<Double> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(TrainingRun.METRICS_FILE))) {
            out.add(JSON.readTree(line).get("loss").asDouble());
        }
        return out;
    }

    @Test
    void aSecondJvmIsRefusedAndAKillDuringACheckpointWriteResumesExactly() throws Exception {
        String[] settings = {"train.steps=16", "train.checkpoint_every=1"};
        Path dir = tmp.resolve("killed");
        Process child = startChild(dir, 200, settings);
        try (Experiment second = experiment(settings)) {
            awaitOrFail(() -> lockText(dir).startsWith("pid " + child.pid() + " on "), child, "the child's lock");
            // a second writer fails at once, naming the holder, and leaves the folder alone
            assertThatThrownBy(() -> TrainingRun.train(second, dir, false, TrainingListener.none()))
                    .hasMessageStartingWith("run folder " + dir + " is in use by another training run (pid "
                            + child.pid() + " on ");
            awaitOrFail(() -> newestStep(dir) >= 2, child, "two checkpoints");
            assertThat(killDuringCheckpointWrite(dir, child)).as("caught the child writing a checkpoint").isTrue();
        } finally {
            child.destroyForcibly().waitFor();
        }
        // kill -9 never leaves a broken step-N: every step folder loads in full
        CheckpointStore store = new CheckpointStore(dir);
        List<Path> steps = store.stepDirectories();
        assertThat(steps).isNotEmpty();
        for (Path s : steps) {
            CheckpointStore.read(s);
        }
        long killedAfter = CheckpointStore.read(steps.get(steps.size() - 1)).step();

        // resuming takes over the dead child's lock and continues exactly where it stopped
        String notes = stderrOf(() -> train(dir, true, settings));
        assertThat(notes).contains("note: took over the lock of an earlier run that ended without releasing it (pid "
                + child.pid() + " on ");
        assertThat(loggedSteps(dir)).as("each step logged once").containsExactlyElementsOf(
                LongStream.rangeClosed(1, 16).boxed().toList());
        Path uninterrupted = tmp.resolve("uninterrupted");
        train(uninterrupted, false, settings);
        assertThat(loggedLosses(dir)).as("losses after a kill at step %d", killedAfter)
                .containsExactlyElementsOf(loggedLosses(uninterrupted));
        assertThat(Files.mismatch(step(dir, 16).resolve(CheckpointStore.MODEL_FILE),
                step(uninterrupted, 16).resolve(CheckpointStore.MODEL_FILE))).as("final weights byte for byte")
                .isEqualTo(-1L);
    }

    @Test
    void damagedNewestCheckpointsAreNeverPassedOverSilently() throws Exception {
        Path dir = tmp.resolve("damaged");
        train(dir, false);
        byte[] config = Files.readAllBytes(dir.resolve(TrainingRun.CONFIG_FILE));
        Path newest = step(dir, 4);

        // inference reads only the weights: a lost optimizer file and a torn state.json do not block it
        Files.delete(newest.resolve(CheckpointStore.OPTIMIZER_FILE));
        Files.writeString(newest.resolve(CheckpointStore.STATE_FILE), "{\"format\":");
        String quiet = stderrOf(() -> {
            try (TrainedModel m = TrainedModel.load(dir, List.of())) {
                assertThat(m.step()).isEqualTo(4);
            }
        });
        assertThat(quiet).doesNotContain("note:");
        // resuming needs them: an error naming the file and the usable checkpoint, and nothing written
        assertThatThrownBy(() -> train(dir, true)).hasMessage("--resume: the newest checkpoint is unusable: "
                + newest.resolve(CheckpointStore.OPTIMIZER_FILE) + ": no such file; the newest usable one is "
                + step(dir, 2) + " (step 2). To resume from it, move the newer step folder(s) out of "
                + dir.resolve("checkpoints") + " (their steps will be trained again)");
        assertThat(Files.readAllBytes(dir.resolve(TrainingRun.CONFIG_FILE))).isEqualTo(config);

        // a truncated model file: inference says which checkpoint it uses instead, and why
        Path model = newest.resolve(CheckpointStore.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length - 5));
        String note = stderrOf(() -> {
            try (TrainedModel m = TrainedModel.load(dir, List.of())) {
                assertThat(m.step()).isEqualTo(2);
            }
        });
        assertThat(note).startsWith("note: using " + step(dir, 2) + " (step 2) because the newer checkpoint is "
                + "unusable: " + model + ": tensor '").contains("out of range").contains("pass --checkpoint "
                + dir.resolve("checkpoints").resolve("step-N"));
        assertThatThrownBy(() -> TrainedModel.load(newest, List.of())).hasMessageStartingWith(model + ": tensor '");

        // a header length of 2^62 is named, not allocated
        try (RandomAccessFile f = new RandomAccessFile(model.toFile(), "rw")) {
            f.write(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x40});
        }
        assertThatThrownBy(() -> TrainedModel.load(newest, List.of())).hasMessageStartingWith(model
                + ": header length 4611686018427387904 goes past the end of the file");

        // NaN weights load nowhere: the error names the tensor; with no usable checkpoint left, the newest is named
        Path older = step(dir, 2).resolve(CheckpointStore.MODEL_FILE);
        poisonFirstFloat(older);
        assertThatThrownBy(() -> TrainedModel.load(step(dir, 2), List.of())).hasMessageStartingWith(older
                + ": tensor '").hasMessageContaining("holds a non-finite value (NaN at element 0");
        assertThatThrownBy(() -> TrainedModel.load(dir, List.of())).hasMessageStartingWith(model + ": header length")
                .hasMessageEndingWith("(and the 1 older checkpoint(s) in " + dir.resolve("checkpoints")
                        + " are unusable too)");
    }

    @Test
    void anIncompatibleOrEmptyResumeFailsBeforeWritingAnything() throws Exception {
        Path dir = tmp.resolve("run");
        train(dir, false, "train.steps=2");
        byte[] config = Files.readAllBytes(dir.resolve(TrainingRun.CONFIG_FILE));
        byte[] metrics = Files.readAllBytes(dir.resolve(TrainingRun.METRICS_FILE));

        assertThatThrownBy(() -> train(dir, true, "train.steps=4", "model.dim=32")).hasMessageStartingWith(
                "--resume: checkpoint " + step(dir, 2) + " does not fit this config's model: '")
                .hasMessageContaining("in the checkpoint but").hasMessageContaining("Resume with the config the run "
                        + "was trained with");
        assertThat(Files.readAllBytes(dir.resolve(TrainingRun.CONFIG_FILE))).isEqualTo(config);
        assertThat(Files.readAllBytes(dir.resolve(TrainingRun.METRICS_FILE))).isEqualTo(metrics);
        assertThat(new CheckpointStore(dir).stepDirectories()).containsExactly(step(dir, 2));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> train(empty, true)).hasMessage("--resume: nothing to resume in " + empty + ": it has "
                + "no checkpoint (expected " + empty.resolve("checkpoints").resolve("step-N") + "); drop --resume to "
                + "start a new run");
        assertThatThrownBy(() -> train(tmp.resolve("absent"), true)).hasMessageContaining("does not exist");
        assertThat(tmp.resolve("absent")).doesNotExist();

        // a folder with metrics but no checkpoint is not silently taken over by a new run
        try (Stream<Path> walk = Files.walk(dir.resolve("checkpoints"))) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
        assertThatThrownBy(() -> train(dir, false, "seed=6")).hasMessageContaining("already holds "
                + TrainingRun.METRICS_FILE + " from an earlier run that saved no checkpoint");
        assertThat(Files.readAllBytes(dir.resolve(TrainingRun.CONFIG_FILE))).isEqualTo(config);
    }

    @Test
    void aTornMetricsLineAndRolledBackStepsAreCutOnResume() throws Exception {
        Path dir = tmp.resolve("torn");
        train(dir, false);
        List<Double> original = loggedLosses(dir);
        // the run crashed after checkpoint 2, while logging step 5: step-4 never got written
        try (Stream<Path> walk = Files.walk(step(dir, 4))) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
        Path metrics = dir.resolve(TrainingRun.METRICS_FILE);
        Files.writeString(metrics, Files.readString(metrics) + "{\"step\":5,\"lo");
        String notes = stderrOf(() -> train(dir, true));
        assertThat(notes).contains("note: " + metrics + ": line 5: dropped a torn last line")
                .contains("note: " + metrics + ": removed 2 record(s) after step 2");
        assertThat(loggedSteps(dir)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(loggedLosses(dir)).as("the resumed steps repeat the original ones").isEqualTo(original);
    }

    private Process startChild(Path dir, long pauseMs, String... overrides) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                TrainChild.class.getName(), dir.toString(), Long.toString(pauseMs)));
        cmd.addAll(List.of(overrides));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    private void awaitOrFail(BooleanSupplier condition, Process child, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("waiting for " + what + ": the child " + (child.isAlive() ? "is still "
                        + "running" : "exited with " + child.exitValue()) + "; its output:\n"
                        + Files.readString(tmp.resolve("child.log")));
            }
            Thread.sleep(20);
        }
    }

    /** Polls for the child's temp checkpoint folder and kills it (SIGKILL) the moment one exists. */
    private static boolean killDuringCheckpointWrite(Path dir, Process child) throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        while (child.isAlive()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(checkpoints, ".tmp-*")) {
                if (ds.iterator().hasNext()) {
                    child.destroyForcibly().waitFor();
                    return true;
                }
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** The step of the newest checkpoint folder, 0 when none (a race with pruning reads as 0). */
    private static long newestStep(Path dir) {
        try {
            List<Path> steps = new CheckpointStore(dir).stepDirectories();
            return steps.isEmpty() ? 0 : Long.parseLong(steps.get(steps.size() - 1).getFileName().toString()
                    .substring("step-".length()));
        } catch (IOException e) {
            return 0;
        }
    }

    private static String lockText(Path dir) {
        try {
            return Files.readString(dir.resolve(RunLock.FILE));
        } catch (IOException e) {
            return "";
        }
    }

    /** Sets the first float of the first tensor to NaN, in place (the bytes right after the header). */
    private static void poisonFirstFloat(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] len = new byte[8];
            f.readFully(len);
            long headerLength = java.nio.ByteBuffer.wrap(len).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            f.seek(8 + headerLength);
            int nan = Float.floatToRawIntBits(Float.NaN);
            f.write(new byte[] {(byte) nan, (byte) (nan >> 8), (byte) (nan >> 16), (byte) (nan >> 24)});
        }
    }
}
