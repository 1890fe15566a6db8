package dev.transfusion.cli.bench;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.Scope;
import dev.transfusion.core.generate.DecodeKeys;
import dev.transfusion.core.generate.DecodeSession;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.model.BatchKeys;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Greedy text decoding speed with and without the KV cache. Both paths read the same prompt, untimed (it also warms
 * up or traces the program), then are timed over the same number of forward passes, each yielding the next token:
 * the cached path through {@link DecodeSession#appendToken}, the other by a {@link PaddedForward} over everything so
 * far, padded to the session length. The greedy tokens of the two paths should agree; how many leading ones do is
 * reported as a correctness check.
 */
final class DecodeThroughput {
    /** What was measured: lengths, both rates, their ratio, and how many leading greedy tokens the paths share. */
    record Result(int promptTokens, int newTokens, double cachedTokensPerSecond, double uncachedTokensPerSecond,
                  double cacheSpeedup, int greedyTokensAgreeing) {
    }

    private DecodeThroughput() {
    }

    /** Measures both paths on {@code generator} (capacity ≥ prompt + new) and parameters {@code params}. */
    static Result measure(Experiment experiment, Generator generator, ParameterStore params, int promptTokens,
                          int newTokens) {
        Objects.requireNonNull(experiment, "experiment");
        int[] prompt = prompt(experiment, promptTokens);
        int[] cachedIds = new int[newTokens + 1];
        double cachedSeconds;
        try (DecodeSession s = generator.openSession(1)) {
            HostTensor logits = null;
            for (int id : prompt) {
                logits = s.appendToken(new int[] {id}, new boolean[] {true});
            }
            cachedIds[0] = argmax(logits.floats());
            long start = System.nanoTime();
            for (int i = 0; i < newTokens; i++) {
                logits = s.appendToken(new int[] {cachedIds[i]}, new boolean[] {true});
                cachedIds[i + 1] = argmax(logits.floats());
            }
            cachedSeconds = Timing.since(start);
        }
        int length = promptTokens + newTokens;
        int[] fullIds = new int[newTokens + 1];
        double fullSeconds;
        var backend = experiment.backend();
        try (CompiledFunction full = backend.compile("bench_full_forward", new PaddedForward(experiment.model()), params);
             Scope scope = backend.newScope()) {
            HostTensor[] rope = PaddedForward.rope(experiment.model(), length);
            Map<String, Tensor> fixed = Map.of(BatchKeys.ROPE_COS, scope.upload(rope[0]),
                    BatchKeys.ROPE_SIN, scope.upload(rope[1]));
            int[] tokens = new int[length];
            Arrays.fill(tokens, experiment.tokenizer().specials().pad());
            System.arraycopy(prompt, 0, tokens, 0, prompt.length);
            fullIds[0] = argmax(forward(full, scope, fixed, tokens, prompt.length));
            long start = System.nanoTime();
            for (int i = 0; i < newTokens; i++) {
                tokens[prompt.length + i] = fullIds[i];
                fullIds[i + 1] = argmax(forward(full, scope, fixed, tokens, prompt.length + i + 1));
            }
            fullSeconds = Timing.since(start);
        }
        int agree = 0;
        while (agree < newTokens && cachedIds[agree] == fullIds[agree]) {
            agree++;
        }
        double cachedRate = newTokens / cachedSeconds;
        double fullRate = newTokens / fullSeconds;
        return new Result(promptTokens, newTokens, cachedRate, fullRate, cachedRate / fullRate, agree);
    }

    /** One padded forward over the first {@code real} of {@code tokens}; the logits at the last real position. */
    private static float[] forward(CompiledFunction full, Scope scope, Map<String, Tensor> fixed, int[] tokens,
                                   int real) {
        try (Scope run = scope.newChild()) {
            Map<String, Tensor> in = new HashMap<>(fixed);
            in.put(BatchKeys.TOKENS, run.upload(HostTensor.ints(Shape.of(1, tokens.length), tokens.clone())));
            in.put(BatchKeys.MASK, run.upload(PaddedForward.mask(real, tokens.length)));
            in.put(PaddedForward.POSITION, run.upload(HostTensor.ints(Shape.of(1), new int[] {real - 1})));
            return run.download(full.call(run, in).get(DecodeKeys.LOGITS)).floats();
        }
    }

    /** BOS, then a fixed caption-like text cycled to {@code n} tokens in all. */
    static int[] prompt(Experiment experiment, int n) {
        var tok = experiment.tokenizer();
        int[] text = tok.encode("a large red circle to the left of a small blue square on a white background. ");
        int[] ids = new int[n];
        ids[0] = tok.specials().bos();
        for (int i = 1; i < n; i++) {
            ids[i] = text[(i - 1) % text.length];
        }
        return ids;
    }

    /** Index of the largest value (the first on ties). */
    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
