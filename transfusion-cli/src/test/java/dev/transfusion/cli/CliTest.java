package dev.transfusion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on the seconds-long `tiny` config: real files, one-line errors. */
class CliTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = TransfusionCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainGenerateCaptionEval(@TempDir Path tmp) {
        Path runDir = tmp.resolve("run");
        Run train = run("train", "--config", "tiny", "--out", runDir.toString(), "train.steps=6");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(runDir.resolve("config.yaml")).exists();
        assertThat(runDir.resolve("metrics.jsonl")).exists();
        assertThat(runDir.resolve("loss.png")).exists();

        Path png = tmp.resolve("grid.png");
        Run gen = run("generate", "--checkpoint", runDir.toString(), "--prompt", "a small red circle", "--n", "2",
                "--steps", "3", "--out", png.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(png).exists();

        Run cap = run("caption", "--checkpoint", runDir.toString(), "--max-tokens", "5", png.toString());
        assertThat(cap.code()).as(cap.err()).isZero();
        assertThat(cap.out()).contains(png.toString());

        Run eval = run("eval", "--checkpoint", runDir.toString(), "--images", "2", "--captions", "2", "--text", "4",
                "--steps", "3");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(runDir.resolve("eval/report.md")).exists();
        assertThat(runDir.resolve("eval/report.json")).exists();
    }

    @Test
    void aBadConfigKeyIsOneLineNamingTheKeyAndExitsNonZero(@TempDir Path tmp) {
        Run r = run("train", "--config", "tiny", "--out", tmp.toString(), "train.stepz=3");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("train.stepz").contains("steps").doesNotContain("\tat ");
    }

    @Test
    void verboseShowsTheStackTrace(@TempDir Path tmp) {
        Run r = run("train", "--config", "no-such-config", "--out", tmp.toString(), "--verbose");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("no-such-config").contains("\tat ");
    }

    @Test
    void ablateRunsEveryCombinationAndWritesTableAndChart(@TempDir Path tmp) throws Exception {
        Path grid = tmp.resolve("grid.yaml");
        Files.writeString(grid, """
                base: tiny
                overrides: [train.steps=3]
                axes:
                  attention.type: [transfusion, causal]
                  diffusion.schedule:
                    cos: { type: cosine, timesteps: 100 }
                    lin: { type: linear, timesteps: 100 }
                eval: { images: 1, captions: 1, text: 2, steps: 2 }
                """);
        Run r = run("ablate", "--grid", grid.toString(), "--out", tmp.resolve("abl").toString());
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(tmp.resolve("abl/ablation.md"));
        assertThat(md).contains("| transfusion |").contains("| causal |").contains("| cos |").contains("| lin |")
                .contains("t2i_colour");
        // a labelled axis value names the run folder; its value (a whole component spec) configured the run
        assertThat(Files.readString(tmp.resolve("abl/03-attention-causal_diffusion_schedule-lin/config.yaml")))
                .containsPattern("schedule:\\s+type: linear\\s+timesteps: 100");
        assertThat(tmp.resolve("abl/ablation.png")).exists();
        assertThat(tmp.resolve("abl/ablation.json")).exists();
    }

    @Test
    void resumeWithNothingToResumeIsOneLineAndLibraryMessagesAreFramed(@TempDir Path tmp) throws Exception {
        Path runDir = Files.createDirectories(tmp.resolve("fresh"));
        Run r = run("train", "--config", "tiny", "--out", runDir.toString(), "--resume");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: --resume: nothing to resume in " + runDir + ": it has no checkpoint");
        assertThat(runDir.resolve("config.yaml")).doesNotExist();

        assertThat(OneLineErrors.describe(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("/x/metrics.jsonl")))).isEqualTo("no such file: /x/metrics.jsonl");
        assertThat(OneLineErrors.describe(new java.nio.file.AccessDeniedException("/x/run.lock")))
                .isEqualTo("permission denied: /x/run.lock");
        String npe = OneLineErrors.describe(catchNpe());
        assertThat(npe).startsWith("unexpected NullPointerException in java.util.Objects: boom")
                .endsWith("(a bug: please report it with the --verbose stack trace)");
        assertThat(OneLineErrors.describe(new IllegalStateException("run folder x is in use")))
                .isEqualTo("run folder x is in use");
    }

    private static NullPointerException catchNpe() {
        try {
            java.util.Objects.requireNonNull(null, "boom");
            throw new AssertionError("unreachable");
        } catch (NullPointerException e) {
            return e;
        }
    }
}
