package dev.transfusion.backend.djl;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.nn.ParamInitializer;
import dev.transfusion.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trains the MLP fixture for {@code steps} steps and prints {@code RESULT <rss after warm-up kB> <rss at end kB>
 * <live tensors after warm-up> <live tensors at end>}. Run in its own JVM by {@link DjlMemoryStabilityTest}.
 */
public final class DjlMemoryProbe {
    private DjlMemoryProbe() {
    }

    /** Arguments: warm-up steps, total steps. */
    public static void main(String[] args) throws IOException {
        int warmup = Integer.parseInt(args[0]);
        int total = Integer.parseInt(args[1]);
        Map<String, HostTensor> batch = DjlMlpFixture.batch();
        try (Backend backend = DjlTestBackends.cpu();
                ParameterStore params = backend.createParameters(DjlMlpFixture.specs(),
                        ParamInitializer.initialize(DjlMlpFixture.specs(), 3));
                TrainStep step = backend.compileTrainStep(DjlMlpFixture.loss(), params,
                        new AdamW(0.9, 0.95, 1e-8, 0.1, 1.0))) {
            for (int i = 0; i < warmup; i++) {
                step.run(batch, 1e-3);
            }
            long live = backend.liveTensors();
            long warm = vmRssKb();
            for (int i = warmup; i < total; i++) {
                step.run(batch, 1e-3);
            }
            System.out.println("RESULT " + warm + " " + vmRssKb() + " " + live + " " + backend.liveTensors());
        }
    }

    /** The process's resident set size in kB, from /proc/self/status. */
    static long vmRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }
}
