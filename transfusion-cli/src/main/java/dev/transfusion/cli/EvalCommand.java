package dev.transfusion.cli;

import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.eval.EvalOptions;
import dev.transfusion.eval.EvalReport;
import dev.transfusion.eval.Evaluator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval --checkpoint DIR [--out DIR]}: perplexity, text-to-image, captioning, FD; writes report.md/json. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a checkpoint on held-out data.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "Run folder or checkpoint folder.")
    Path checkpoint;

    @Option(names = "--out", description = "Report folder (default <checkpoint>/eval).")
    Path out;

    @Option(names = "--images", defaultValue = "200", description = "Held-out prompts to generate images for.")
    int images;

    @Option(names = "--captions", defaultValue = "200", description = "Held-out images to caption.")
    int captions;

    @Option(names = "--text", defaultValue = "200", description = "Held-out documents for perplexity.")
    int text;

    @Option(names = "--steps", defaultValue = "0", description = "Sampler steps (0 = the config's).")
    int steps;

    @Option(names = "--cfg", description = "Guidance scale (default: the config's).")
    Double cfg;

    @Option(names = "--seed", defaultValue = "0", description = "Evaluation seed.")
    long seed;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        Path dir = out != null ? out : checkpoint.resolve("eval");
        try (TrainedModel m = TrainedModel.load(checkpoint, List.of())) {
            EvalReport r = evaluate(m, dir, text, images, captions, steps, cfg, seed);
            System.out.println(ReportSummary.oneLine(r));
            System.out.println("report: " + dir.resolve("report.md").toAbsolutePath());
        }
        return 0;
    }

    /** Runs the evaluator with progress on stderr (shared with ablate). */
    static EvalReport evaluate(TrainedModel m, Path dir, int text, int images, int captions, int steps, Double cfg,
                               long seed) {
        EvalOptions o = EvalOptions.defaults(dir).withCounts(text, images, captions)
                .withSampler(steps, cfg == null ? Double.NaN : cfg).withSeed(seed)
                .withProgress(msg -> System.err.println("eval: " + msg));
        return Evaluator.of(m).run(o);
    }
}
