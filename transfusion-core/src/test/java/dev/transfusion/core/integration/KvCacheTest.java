package dev.transfusion.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.DecodeKeys;
import dev.transfusion.core.generate.DecodeSession;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.model.BatchKeys;
import dev.transfusion.core.model.ModelInput;
import dev.transfusion.core.model.ModelOutput;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.sequence.Document;
import dev.transfusion.core.sequence.PackedSequences;
import dev.transfusion.core.sequence.Segment;
import dev.transfusion.core.train.BatchBuilder;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding with the KV cache gives the logits of a full recomputation over the same sequence. */
class KvCacheTest {
    static final String CONFIG = """
            seed: 5
            backend: { type: djl }
            model: { dim: 32, layers: 2, heads: 4 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 1, batch: 1, seq_len: 40 }
            """;

    @ParameterizedTest(name = "patch_positions={0}")
    @ValueSource(strings = {"raster", "grid"})
    void cachedLogitsEqualFullRecomputation(String patchPositions) {
        ExperimentConfig config = ConfigLoader.parse(CONFIG, "kv.yaml", List.of("model.patch_positions=" + patchPositions));
        try (Experiment e = Experiment.create(config, Path.of("."));
             ParameterStore params = e.initParameters()) {
            TransfusionModel model = e.model();
            var sp = e.tokenizer().specials();
            int[] text = e.tokenizer().encode("a red circle");
            HostTensor latent = e.documents().latentOf(e.dataset().get(dev.transfusion.data.Split.HELD_OUT, 0).image());
            // BOS text BOI [image, clean] EOI text
            int[] head = prompt(e, "a red circle");
            int[] tail = {sp.eoi(), text[0], text[1], text[2]};
            Document doc = new Document(List.of(new Segment.Text(head), new Segment.Image(latent, false, null),
                    new Segment.Text(tail)));

            // Full recomputation: the training forward with t = 0 for the image.
            PackedSequences packed = e.packer().pack(new ArrayDeque<>(List.of(doc)));
            BatchBuilder bb = e.batchBuilder();
            Map<String, HostTensor> in = new java.util.HashMap<>(bb.build(packed, new Random(1)));
            float[] noisy = in.get(BatchKeys.NOISY).floats();
            System.arraycopy(latent.floats(), 0, noisy, 0, latent.floats().length); // clean image in slot 0
            in.put(BatchKeys.TIME, HostTensor.floats(in.get(BatchKeys.TIME).shape(), new float[in.get(BatchKeys.TIME).floats().length]));
            CompiledFunction full = fullForward(e, params);
            HostTensor fullLogits = full.callHost(in).get(DecodeKeys.LOGITS); // (1, L, V)
            int vocab = Math.toIntExact(fullLogits.shape().dim(2));

            Generator g = e.generator(params, config.train().seqLen());
            try (DecodeSession s = g.openSession(1)) {
                int pos = 0;
                for (int t : head) {
                    HostTensor l = s.appendToken(new int[] {t}, new boolean[] {true});
                    assertRowClose(l.floats(), fullLogits.floats(), pos++ * vocab, vocab);
                }
                s.runImage(latent.reshape(Shape.of(1, 3, 16, 16)), new float[] {0f}, model.patchesPerImage(), true);
                pos += model.patchesPerImage();
                for (int t : tail) {
                    HostTensor l = s.appendToken(new int[] {t}, new boolean[] {true});
                    assertRowClose(l.floats(), fullLogits.floats(), pos++ * vocab, vocab);
                }
                assertThat(s.committedPositions()).isEqualTo(head.length + model.patchesPerImage() + tail.length);
            }
            g.close();
            full.close();
        }
    }

    /**
     * A denoising pass through the session (prompt in the cache, noisy image appended uncommitted) predicts what the
     * training forward predicts for the same noisy image at the same time: same positions (1-D or on the patch grid),
     * mask and patch rows.
     */
    @ParameterizedTest(name = "patch_positions={0}")
    @ValueSource(strings = {"raster", "grid"})
    void denoisingPassEqualsTheTrainingForward(String patchPositions) {
        ExperimentConfig config = ConfigLoader.parse(CONFIG, "kv.yaml", List.of("model.patch_positions=" + patchPositions));
        try (Experiment e = Experiment.create(config, Path.of("."));
             ParameterStore params = e.initParameters()) {
            TransfusionModel model = e.model();
            int[] head = prompt(e, "a large blue square");
            HostTensor latent = e.documents().latentOf(e.dataset().get(dev.transfusion.data.Split.HELD_OUT, 1).image());
            Document doc = new Document(List.of(new Segment.Text(head), new Segment.Image(latent, false, null),
                    new Segment.Text(new int[] {e.tokenizer().specials().eoi()})));
            Map<String, HostTensor> in = new java.util.HashMap<>(e.batchBuilder().build(
                    e.packer().pack(new ArrayDeque<>(List.of(doc))), new Random(1)));
            float[] noisy = in.get(BatchKeys.NOISY).floats().clone(); // the builder's noisy image, slot 0
            float time = in.get(BatchKeys.TIME).floats()[0];
            CompiledFunction full = fullForward(e, params);
            float[] expected = full.callHost(in).get(DecodeKeys.PREDICTION).floats();
            double spread = 0;
            for (float v : expected) {
                spread = Math.max(spread, Math.abs(v - expected[0]));
            }
            assertThat(spread).as("the prediction must vary for the comparison to mean anything").isGreaterThan(0.05);
            Generator g = e.generator(params, config.train().seqLen());
            try (DecodeSession s = g.openSession(1)) {
                for (int t : head) {
                    s.appendToken(new int[] {t}, new boolean[] {true});
                }
                int size = latent.floats().length;
                float[] got = s.runImage(HostTensor.floats(Shape.of(1, 3, 16, 16), java.util.Arrays.copyOf(noisy, size)),
                        new float[] {time}, model.patchesPerImage(), false).floats();
                assertThat(got).hasSize(size);
                for (int i = 0; i < size; i++) {
                    assertThat(got[i]).as("prediction element %d", i)
                            .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(2e-4f));
                }
            }
            g.close();
            full.close();
        }
    }

    /** BOS, the caption's tokens, BOI. */
    static int[] prompt(Experiment e, String caption) {
        var sp = e.tokenizer().specials();
        int[] text = e.tokenizer().encode(caption);
        int[] head = new int[text.length + 2];
        head[0] = sp.bos();
        System.arraycopy(text, 0, head, 1, text.length);
        head[head.length - 1] = sp.boi();
        return head;
    }

    /** The training forward over a packed batch: every position's logits and every image's prediction. */
    static CompiledFunction fullForward(Experiment e, ParameterStore params) {
        TransfusionModel model = e.model();
        return e.backend().compile("full", (env, x) -> {
            ModelOutput out = model.forward(env, ModelInput.ofBatch(x));
            return Map.of(DecodeKeys.LOGITS, out.logits(), DecodeKeys.PREDICTION, out.prediction());
        }, params);
    }

    static void assertRowClose(float[] cached, float[] full, int offset, int vocab) {
        for (int i = 0; i < vocab; i++) {
            assertThat(cached[i]).as("logit %d at offset %d", i, offset)
                    .isCloseTo(full[offset + i], org.assertj.core.api.Assertions.within(2e-3f));
        }
    }
}
