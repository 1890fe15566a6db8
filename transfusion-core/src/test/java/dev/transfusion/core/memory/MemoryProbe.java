package dev.transfusion.core.memory;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.train.TrainingBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a tiny Transfusion model for many steps on one backend and prints {@code RESULT warmRssKb endRssKb}:
 * run in its own JVM by {@link MemoryStabilityTest}.
 */
public final class MemoryProbe {
    static final String CONFIG = """
            seed: 2
            model: { dim: 32, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 100000, batch: 2, seq_len: 48, lr: 1.0e-3, warmup: 10 }
            """;

    private MemoryProbe() {
    }

    /** Args: backend, warm-up steps, total steps. */
    public static void main(String[] args) throws IOException {
        String backend = args[0];
        int warmup = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        ExperimentConfig cfg = ConfigLoader.parse(CONFIG, "memory.yaml", List.of("backend.type=" + backend,
                "backend.threads=1"));
        try (Experiment e = Experiment.create(cfg, Path.of("."));
             ParameterStore p = e.initParameters();
             TrainStep step = e.compileTrainStep(p)) {
            List<TrainingBatch> batches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batches.add(e.batches().batch(i));
            }
            long warm = 0;
            for (int s = 0; s < steps; s++) {
                step.run(batches.get(s % batches.size()).inputs(), e.learningRate().at(s));
                if (s + 1 == warmup) {
                    warm = rssKb();
                }
            }
            System.out.println("RESULT " + warm + " " + rssKb());
        }
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
