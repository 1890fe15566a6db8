package dev.transfusion.cli;

import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.data.Images;
import dev.transfusion.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate --checkpoint DIR --prompt TEXT [--n N] [--cfg X] [--steps S] --out FILE.png}. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate images from a text prompt.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "Run folder or checkpoint folder.")
    Path checkpoint;

    @Option(names = "--prompt", required = true, description = "The caption to draw.")
    String prompt;

    @Option(names = "--n", defaultValue = "1", description = "Number of images (a grid when > 1).")
    int n;

    @Option(names = "--cfg", description = "Classifier-free guidance scale (default: the sampler's cfg).")
    Double cfg;

    @Option(names = "--steps", description = "Sampler steps (default: the config's sampler.steps).")
    Integer steps;

    @Option(names = "--seed", defaultValue = "0", description = "Noise seed.")
    long seed;

    @Option(names = "--out", required = true, description = "Output PNG.")
    Path out;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        List<String> overrides = new ArrayList<>();
        if (steps != null) {
            overrides.add("sampler.steps=" + steps);
        }
        try (TrainedModel m = TrainedModel.load(checkpoint, overrides)) {
            double guidance = cfg != null ? cfg : m.generator().sampler().guidance();
            List<HostTensor> images = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                images.add(m.generator().generateImage(prompt, ImageOptions.of(guidance, seed + i)));
            }
            HostTensor result = n == 1 ? images.get(0) : Images.grid(images, (int) Math.ceil(Math.sqrt(n)), 2);
            Images.toPng(result, out);
            System.out.println("wrote " + out.toAbsolutePath());
        }
        return 0;
    }
}
