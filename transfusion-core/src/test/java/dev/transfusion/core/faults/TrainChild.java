package dev.transfusion.core.faults;

import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainingRun;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A training run in its own JVM, for FaultInjectionTest: {@code TrainChild RUN_DIR PAUSE_MS [key=value ...]}
 * trains {@link FaultInjectionTest#CONFIG} into RUN_DIR, pausing PAUSE_MS after each step so the parent can act
 * while it runs (the pause changes no number).
 */
public final class TrainChild {
    private TrainChild() {
    }

    /** Trains, then exits 0; any failure exits non-zero with the stack trace. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long pauseMs = Long.parseLong(args[1]);
        List<String> overrides = Arrays.asList(args).subList(2, args.length);
        try (Experiment e = Experiment.create(ConfigLoader.parse(FaultInjectionTest.CONFIG, "child.yaml", overrides),
                Path.of("."))) {
            TrainingRun.train(e, dir, false, record -> {
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
