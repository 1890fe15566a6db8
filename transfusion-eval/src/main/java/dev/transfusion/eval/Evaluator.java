package dev.transfusion.eval;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.core.sequence.Document;
import dev.transfusion.core.sequence.SequencePacker;
import dev.transfusion.core.train.DocumentFactory;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.shapes.ShapesOracle;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.tensor.HostTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a trained model on the held-out split: text perplexity (captions alone, captions given the clean image,
 * and the text dataset if any), text-to-image attribute accuracy with the shapes oracle, FD between generated and
 * real images on the options' features, and captioning accuracy plus CIDEr-D. Writes {@code report.json},
 * {@code report.md} and image grids, and returns the numbers. Single-threaded (the generator is not re-entrant).
 */
public final class Evaluator {
    private final Experiment experiment;
    private final ParameterStore params;
    private final long step;

    /** An evaluator of {@code params} (taken at training step {@code step}) under {@code experiment}. */
    public Evaluator(Experiment experiment, ParameterStore params, long step) {
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.params = Objects.requireNonNull(params, "params");
        this.step = step;
    }

    /** An evaluator of a model loaded from a checkpoint. */
    public static Evaluator of(TrainedModel model) {
        Objects.requireNonNull(model, "model");
        return new Evaluator(model.experiment(), model.params(), model.step());
    }

    /** Runs every section whose count is positive, writes the report files and returns the numbers. */
    public EvalReport run(EvalOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            Files.createDirectories(options.outputDir());
            List<PerplexityResult> ppl = options.textExamples() > 0 ? perplexity(options) : List.of();
            Sampler sampler = EvalSampling.sampler(experiment, options.samplerSteps());
            double cfg = Double.isNaN(options.guidance()) ? sampler.guidance() : options.guidance();
            Dataset data = experiment.dataset();
            int seqLen = experiment.config().train().seqLen();
            TextToImageEval.Output t2i = null;
            FdResult fd = null;
            CaptioningResult captions = null;
            List<HostTensor> real = new ArrayList<>();
            List<Example> prompts = options.imageExamples() > 0 ? HeldOutExamples.prompts(data,
                    options.imageExamples(), HeldOutExamples.maxShapes(experiment.config())) : List.of();
            try (Generator gen = new Generator(experiment.backend(), params, experiment.model(), experiment.tokenizer(),
                    experiment.codec(), experiment.mask(), experiment.objective(), sampler,
                    Math.max(seqLen, longestTextToImage(prompts)))) {
                if (options.imageExamples() > 0) {
                    t2i = TextToImageEval.run(gen, prompts, oracle(data), cfg, options.seed(), sampler.timesteps().length,
                            options.progress());
                    prompts.forEach(ex -> real.add(ex.image()));
                    fd = frechet(t2i.images(), real, options.features());
                    if (fd != null) {
                        options.progress().accept("FD: " + fd.value());
                    }
                }
                if (options.captionExamples() > 0) {
                    List<Example> images = HeldOutExamples.withImages(data, options.captionExamples());
                    captions = CaptioningEval.run(gen, images, captionTokens(images, options), options.progress());
                }
            }
            EvalReport report = new EvalReport(step, ConfigSummary.of(experiment.config(), sampler, cfg, step), ppl,
                    t2i == null ? null : t2i.result(), fd, captions, options.outputDir());
            ReportWriter.write(report, t2i == null ? List.of() : t2i.images(), t2i == null ? List.of() : t2i.verdicts(),
                    real, options.gridSize());
            options.progress().accept("report written to " + options.outputDir().resolve(ReportWriter.MARKDOWN));
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("evaluation output in " + options.outputDir() + ": " + e.getMessage(), e);
        }
    }

    private List<PerplexityResult> perplexity(EvalOptions options) {
        var config = experiment.config();
        int rows = options.batchRows() > 0 ? options.batchRows() : config.train().batch();
        var sp = experiment.tokenizer().specials();
        SequencePacker packer = new SequencePacker(rows, config.train().seqLen(), experiment.model().patchesPerImage(),
                sp.pad());
        DocumentFactory docs = experiment.documents();
        List<PerplexityResult> out = new ArrayList<>();
        try (TextLikelihood lm = new TextLikelihood(experiment.backend(), params, experiment.model(), packer,
                experiment.batchBuilder(), experiment.objective(), sp.boi())) {
            List<Example> held = HeldOutExamples.any(experiment.dataset(), options.textExamples());
            List<Document> alone = new ArrayList<>();
            List<Document> givenImage = new ArrayList<>();
            for (Example ex : held) {
                alone.add(docs.textOnly(ex.caption()));
                if (ex.hasImage()) {
                    givenImage.add(docs.imageFirst(ex));
                }
            }
            out.add(report(options, lm.evaluate("captions", alone)));
            if (!givenImage.isEmpty()) {
                out.add(report(options, lm.evaluate("captions_given_image", givenImage)));
            }
            Dataset text = experiment.textDataset();
            if (text != null) {
                List<Document> texts = new ArrayList<>();
                for (Example ex : HeldOutExamples.any(text, options.textExamples())) {
                    texts.add(docs.textOnly(ex.caption()));
                }
                if (!texts.isEmpty()) {
                    out.add(report(options, lm.evaluate("text", texts)));
                }
            }
        }
        return out;
    }

    private static PerplexityResult report(EvalOptions options, PerplexityResult r) {
        options.progress().accept("perplexity " + r.name() + ": " + r.natsPerToken() + " nats/token over " + r.tokens()
                + " tokens");
        return r;
    }

    /** The shapes oracle when the dataset is the RGB {@code shapes} dataset, else null (no attribute scoring). */
    private static ShapesOracle oracle(Dataset data) {
        return data.name().equals("shapes") && data.channels() == 3 ? new ShapesOracle(data.imageSize()) : null;
    }

    private static FdResult frechet(List<HostTensor> generated, List<HostTensor> real, FeatureExtractor features) {
        if (generated.size() < 2 || real.size() < 2) {
            return null;
        }
        List<double[]> g = new ArrayList<>();
        List<double[]> r = new ArrayList<>();
        generated.forEach(im -> g.add(features.features(im)));
        real.forEach(im -> r.add(features.features(im)));
        double value = FrechetDistance.between(GaussianStats.of(g), GaussianStats.of(r));
        return new FdResult(value, features.name(), features.dimension(), g.size(), r.size());
    }

    /**
     * Positions a text-to-image document of the longest prompt needs ({@code BOS prompt BOI patches EOI}): a held-out
     * caption may be longer than any that fitted {@code train.seq_len} next to an image, and must not abort the eval.
     */
    private int longestTextToImage(List<Example> prompts) {
        return longestCaption(prompts) + imageDocumentOverhead();
    }

    /** The caption token budget: the option, else 1.5× the longest reference + 4; at most what the cache holds. */
    private int captionTokens(List<Example> images, EvalOptions options) {
        int room = Math.max(1, experiment.config().train().seqLen() - imageDocumentOverhead());
        if (options.captionMaxTokens() > 0) {
            return Math.min(room, options.captionMaxTokens());
        }
        int longest = Math.max(1, longestCaption(images));
        return Math.min(room, (int) Math.ceil(1.5 * longest) + 4);
    }

    /** Positions an image document takes besides its caption: {@code BOS}, {@code BOI}, the patches, {@code EOI}. */
    private int imageDocumentOverhead() {
        return experiment.model().patchesPerImage() + 3;
    }

    /** Tokens in the longest caption of {@code examples} (0 for none). */
    private int longestCaption(List<Example> examples) {
        int longest = 0;
        for (Example ex : examples) {
            longest = Math.max(longest, experiment.tokenizer().encode(ex.caption()).length);
        }
        return longest;
    }
}
