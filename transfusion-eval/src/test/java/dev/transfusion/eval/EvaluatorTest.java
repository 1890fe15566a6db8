package dev.transfusion.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.DecodeSession;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.model.LossKeys;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.sequence.Document;
import dev.transfusion.core.sequence.SequencePacker;
import dev.transfusion.core.train.BatchBuilder;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator end to end on a tiny untrained model (DJL): files written, numbers in range and cross-checked. */
class EvaluatorTest {
    static final String TINY = """
            seed: 7
            backend: { type: djl }
            model: { dim: 32, layers: 2, heads: 4 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            data: { dataset: { type: shapes, image_size: 16, held_out_size: 50 } }
            sampler: { type: ddpm, steps: 250, cfg: 3.0 }
            train: { steps: 1, batch: 4, seq_len: 64 }
            """;

    @TempDir
    Path out;

    @Test
    void writesReportWithNumbersInRange() throws Exception {
        ExperimentConfig config = ConfigLoader.parse(TINY, "eval.yaml", List.of());
        try (Experiment e = Experiment.create(config, Path.of("."));
             ParameterStore params = e.initParameters()) {
            long t0 = System.nanoTime();
            EvalOptions options = EvalOptions.defaults(out).withCounts(4, 4, 4).withSampler(5, 2.0).withSeed(3)
                    .withProgress(line -> System.out.printf("eval %.1fs: %s%n", (System.nanoTime() - t0) / 1e9, line));
            EvalReport r = new Evaluator(e, params, 42).run(options);

            assertThat(r.step()).isEqualTo(42);
            double uniform = Math.log(e.tokenizer().vocabSize());
            PerplexityResult captions = r.perplexity("captions");
            assertThat(captions.documents()).isEqualTo(4);
            assertThat(captions.natsPerToken()).isBetween(0.2 * uniform, 2.0 * uniform); // untrained: near uniform
            assertThat(captions.perplexity()).isCloseTo(Math.exp(captions.natsPerToken()), within(1e-9));
            PerplexityResult given = r.perplexity("captions_given_image");
            assertThat(given.documents()).isEqualTo(4);
            assertThat(given.tokens()).isEqualTo(captions.tokens()); // caption + EOS targets in both document forms
            assertThat(r.perplexity("text")).isNull();

            assertThat(r.textToImage().n()).isEqualTo(4);
            assertThat(r.textToImage().steps()).isEqualTo(5);
            assertThat(r.textToImage().guidance()).isEqualTo(2.0);
            assertFractions(r.textToImage().accuracy());
            assertThat(r.fd().value()).isGreaterThan(-1e-6).isFinite();
            assertThat(r.fd().generated()).isEqualTo(4);
            assertThat(r.fd().real()).isEqualTo(4);
            assertThat(r.captioning().n()).isEqualTo(4);
            assertFractions(r.captioning().accuracy());
            assertThat(r.captioning().ciderD()).isBetween(0.0, 10.0);

            for (String f : List.of(ReportWriter.JSON, ReportWriter.MARKDOWN, ReportWriter.T2I_GRID, ReportWriter.REAL_GRID)) {
                assertThat(out.resolve(f)).exists();
            }
            JsonNode json = new ObjectMapper().readTree(out.resolve(ReportWriter.JSON).toFile());
            assertThat(json.get("step").asLong()).isEqualTo(42);
            assertThat(json.at("/perplexity/captions/nats_per_token").asDouble())
                    .isCloseTo(captions.natsPerToken(), within(1e-12));
            assertThat(json.at("/text_to_image/prompts").size()).isEqualTo(4);
            assertThat(json.at("/config/sampler").asText()).contains("steps 5").contains("cfg 2.0");
            // 4 tiles of 16 px in 2 columns, each shown at MIN_TILE px with PAD px around: labelled, judged tiles
            assertThat(ImageIO.read(out.resolve(ReportWriter.T2I_GRID).toFile()).getWidth())
                    .isEqualTo(2 * ImageGrid.MIN_TILE + 3 * ImageGrid.PAD);
            String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
            assertThat(md).contains("FD (fixed random conv features");
        }
    }

    /**
     * The batched full-forward likelihood equals two independent computations: the training loss program's
     * {@code lm_loss} on the same text-only batch, and the log-probabilities of cached decoding, token by token, of
     * {@code BOS BOI [clean image] EOI caption EOS}.
     */
    @Test
    void likelihoodMatchesTrainingLossAndCachedDecoding() {
        ExperimentConfig config = ConfigLoader.parse(TINY, "eval.yaml", List.of());
        try (Experiment e = Experiment.create(config, Path.of("."));
             ParameterStore params = e.initParameters()) {
            var sp = e.tokenizer().specials();
            List<Example> held = List.of(e.dataset().get(Split.HELD_OUT, 0), e.dataset().get(Split.HELD_OUT, 1));
            SequencePacker packer = new SequencePacker(4, 64, e.model().patchesPerImage(), sp.pad());
            BatchBuilder bb = e.batchBuilder();
            try (TextLikelihood lm = new TextLikelihood(e.backend(), params, e.model(), packer, bb, e.objective(),
                    sp.boi())) {
                List<Document> texts = new ArrayList<>();
                held.forEach(ex -> texts.add(e.documents().textOnly(ex.caption())));
                PerplexityResult alone = lm.evaluate("captions", texts);
                try (CompiledFunction loss = e.backend().compile("loss", e.loss(), params)) {
                    var batch = bb.build(packer.pack(new ArrayDeque<>(texts)), new Random(0));
                    double expected = loss.callHost(batch).get(LossKeys.LM_LOSS).item();
                    assertThat(alone.natsPerToken()).isCloseTo(expected, within(1e-4));
                }

                Example ex = held.get(0);
                PerplexityResult given = lm.evaluate("given", List.of(e.documents().imageFirst(ex)));
                int[] cap = e.tokenizer().encode(ex.caption());
                double nll = 0;
                try (Generator g = e.generator(params, 64); DecodeSession s = g.openSession(1)) {
                    s.appendToken(new int[] {sp.bos()}, new boolean[] {true});
                    s.appendToken(new int[] {sp.boi()}, new boolean[] {true});
                    HostTensor z = e.documents().latentOf(ex.image());
                    long[] d = z.shape().dims();
                    s.runImage(z.reshape(Shape.of(1, d[0], d[1], d[2])), new float[] {0f}, e.model().patchesPerImage(),
                            true);
                    HostTensor logits = s.appendToken(new int[] {sp.eoi()}, new boolean[] {true});
                    for (int i = 0; i <= cap.length; i++) {
                        int target = i < cap.length ? cap[i] : sp.eos();
                        nll -= logSoftmax(logits.floats(), target);
                        if (i < cap.length) {
                            logits = s.appendToken(new int[] {cap[i]}, new boolean[] {true});
                        }
                    }
                }
                assertThat(given.tokens()).isEqualTo(cap.length + 1);
                assertThat(given.natsPerToken()).isCloseTo(nll / (cap.length + 1), within(1e-3));
            }
        }
    }

    private static double logSoftmax(float[] logits, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        return logits[target] - max - Math.log(sum);
    }

    private static void assertFractions(AttributeAccuracy a) {
        assertThat(a).isNotNull();
        assertThat(a.n()).isEqualTo(4);
        for (double v : new double[] {a.count(), a.colour(), a.shape(), a.size(), a.position(), a.overall()}) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        assertThat(a.overall()).isLessThanOrEqualTo(Math.min(Math.min(a.count(), a.colour()), a.shape()));
    }
}
