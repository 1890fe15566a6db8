package dev.transfusion.cli;

import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.generate.TextOptions;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Images;
import dev.transfusion.data.Split;
import dev.transfusion.eval.ImageGrid;
import dev.transfusion.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The README's main command: trains the {@code quickstart} config on the embedded shapes data (or reuses a finished
 * run), generates images for a few prompts, captions a few held-out images, and prints where everything is.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Train the quickstart model, then generate and caption with it.")
final class QuickstartCommand implements Callable<Integer> {
    static final List<String> PROMPTS = List.of("a large red circle", "a large blue square", "a large green triangle",
            "a small yellow circle", "a large purple square", "a small orange triangle");

    @Option(names = "--out", defaultValue = "runs/quickstart", description = "Run folder.")
    Path out;

    @Option(names = "--config", defaultValue = "quickstart", description = "Config file or bundled name.")
    String config;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Parameters(arity = "0..*", paramLabel = "key=value", description = "Config overrides.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ExperimentConfig cfg = Common.loadConfig(config, overrides);
        var latest = new CheckpointStore(out).latest();
        long done = latest.isPresent() ? CheckpointStore.read(latest.get()).step() : 0;
        if (done >= cfg.train().steps()) {
            System.out.println("reusing the finished run in " + out + " (delete it to train again)");
        } else {
            TrainCommand.run(cfg, out, latest.isPresent());
        }
        Path samples = out.resolve("samples");
        Files.createDirectories(samples);
        try (TrainedModel m = TrainedModel.load(out, List.of())) {
            List<ImageGrid.Tile> tiles = new ArrayList<>();
            for (int i = 0; i < PROMPTS.size(); i++) {
                HostTensor img = m.generator().generateImage(PROMPTS.get(i), ImageOptions.of(m.generator().sampler().guidance(), i));
                tiles.add(ImageGrid.Tile.of(GenerateCommand.requireFinite(img, PROMPTS.get(i), i), PROMPTS.get(i)));
                Path p = samples.resolve(String.format("t2i-%d.png", i));
                Images.toPng(img, p);
                System.out.printf("generated  %-28s -> %s%n", '"' + PROMPTS.get(i) + '"', p);
            }
            ImageGrid.writePng(tiles, 3, samples.resolve("t2i-grid.png"));
            Dataset data = m.experiment().dataset();
            for (int i = 0; i < 4; i++) {
                Example ex = data.get(Split.HELD_OUT, i);
                Path p = samples.resolve(String.format("heldout-%d.png", i));
                Images.toPng(ex.image(), p);
                String caption = m.generator().caption(ex.image(), TextOptions.greedy(48));
                System.out.printf("captioned  %s -> \"%s\" (truth: \"%s\")%n", p, caption, ex.caption());
            }
        }
        System.out.println();
        System.out.println("run folder:   " + out.toAbsolutePath());
        System.out.println("loss curve:   " + out.resolve("loss.png").toAbsolutePath());
        System.out.println("tensorboard:  tensorboard --logdir " + out.toAbsolutePath().getParent());
        System.out.println("samples:      " + samples.toAbsolutePath());
        System.out.println("next: ./transfusion eval --checkpoint " + out);
        return 0;
    }
}
