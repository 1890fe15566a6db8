package dev.transfusion.eval;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.core.model.BatchKeys;
import dev.transfusion.core.model.ModelInput;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.core.sequence.Document;
import dev.transfusion.core.sequence.PackedSequences;
import dev.transfusion.core.sequence.PlacedImage;
import dev.transfusion.core.sequence.SequencePacker;
import dev.transfusion.core.train.BatchBuilder;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Held-out next-token loss with a compiled, gradient-free forward program of the model, over documents packed into
 * fixed {@code rows × seq_len} batches exactly as in training. Images in the documents are fed clean (x_t = x0 at
 * t = 0), so an image→caption document measures the caption given the image. Targets that are BOI are not scored
 * (they belong to the document frame, not to its text). Not thread-safe.
 */
public final class TextLikelihood implements AutoCloseable {
    /** The program's output: per-position masked cross-entropy. */
    static final String NLL = "nll";

    private final CompiledFunction forward;
    private final SequencePacker packer;
    private final BatchBuilder builder;
    private final DiffusionObjective objective;
    private final int boi;

    /**
     * A scorer for {@code model} over {@code params}; {@code packer} and {@code builder} lay out batches as in
     * training (see {@code Experiment.packer()} / {@code batchBuilder()}).
     */
    public TextLikelihood(Backend backend, ParameterStore params, TransfusionModel model, SequencePacker packer,
                          BatchBuilder builder, DiffusionObjective objective, int boiToken) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        this.packer = Objects.requireNonNull(packer, "packer");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.boi = boiToken;
        this.forward = backend.compile("eval_nll", program(model), Objects.requireNonNull(params, "params"));
    }

    /** The program: per-position cross-entropy {@code nll (B, L)}, masked by {@code text_mask}. */
    static TensorFunction program(TransfusionModel model) {
        return (env, in) -> {
            Ops ops = env.ops();
            Tensor logits = model.forward(env, ModelInput.ofBatch(in)).logits(); // (B, L, V)
            Tensor ce = ops.nn().crossEntropy(logits, in.get(BatchKeys.TEXT_TARGETS)); // (B, L)
            return Map.of(NLL, ops.math().mul(ce, in.get(BatchKeys.TEXT_MASK)));
        };
    }

    /** Scores {@code documents} and reports the mean loss per scored token under {@code name}. */
    public PerplexityResult evaluate(String name, List<Document> documents) {
        Objects.requireNonNull(name, "name");
        Deque<Document> queue = new ArrayDeque<>(Objects.requireNonNull(documents, "documents"));
        double nll = 0;
        long tokens = 0;
        int dropped = 0;
        Random rng = new Random(0); // only feeds the unused noise draws of the batch builder
        while (!queue.isEmpty()) {
            PackedSequences packed = packer.pack(queue);
            dropped += packed.dropped();
            Map<String, HostTensor> in = new HashMap<>(builder.build(packed, rng));
            cleanImages(in, packed);
            float[] mask = in.get(BatchKeys.TEXT_MASK).floats();
            int[] targets = in.get(BatchKeys.TEXT_TARGETS).ints();
            for (int i = 0; i < mask.length; i++) {
                if (targets[i] == boi) {
                    mask[i] = 0f;
                }
            }
            float[] out = forward.callHost(in).get(NLL).floats(); // (B, L)
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] != 0f) {
                    nll += out[i];
                    tokens++;
                }
            }
        }
        return new PerplexityResult(name, documents.size() - dropped, tokens, dropped,
                tokens == 0 ? Double.NaN : nll / tokens);
    }

    /** Puts each placed image's clean latent in its slot at model time t = 0 (the batch builder noised it). */
    private void cleanImages(Map<String, HostTensor> in, PackedSequences packed) {
        HostTensor noisy = in.get(BatchKeys.NOISY).copy();
        float[] x = noisy.floats();
        for (PlacedImage img : packed.images()) {
            float[] clean = img.image().latent().floats();
            System.arraycopy(clean, 0, x, img.slot() * clean.length, clean.length);
        }
        float[] time = new float[Math.toIntExact(in.get(BatchKeys.TIME).shape().size())];
        java.util.Arrays.fill(time, (float) objective.modelTime(0));
        in.put(BatchKeys.NOISY, noisy);
        in.put(BatchKeys.TIME, HostTensor.floats(in.get(BatchKeys.TIME).shape(), time));
        in.put(BatchKeys.TEXT_MASK, in.get(BatchKeys.TEXT_MASK).copy());
    }

    @Override
    public void close() {
        forward.close();
    }
}
