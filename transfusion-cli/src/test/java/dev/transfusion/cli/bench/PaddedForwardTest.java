package dev.transfusion.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.Scope;
import dev.transfusion.core.generate.DecodeKeys;
import dev.transfusion.core.generate.DecodeSession;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.model.BatchKeys;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's uncached path computes what the KV-cached path computes: same logits at every new position. */
class PaddedForwardTest {
    @Test
    void maskIsCausalAndBlocksPaddingKeys() {
        float[] m = PaddedForward.mask(2, 4).floats(); // (1, 1, 4, 4)
        float b = AttentionMask.BLOCKED;
        assertThat(m).containsExactly(
                0, b, b, b,
                0, 0, b, b,
                0, 0, b, b,
                0, 0, b, b);
    }

    @Test
    void paddedFullForwardMatchesCachedDecoding() {
        BenchSettings s = BenchSettings.quick();
        int length = 10;
        try (Experiment e = Experiment.create(s.config("djl", 1), Path.of("."));
             ParameterStore params = e.initParameters();
             Generator g = e.generator(params, length);
             CompiledFunction full = e.backend().compile("full", new PaddedForward(e.model()), params);
             Scope scope = e.backend().newScope();
             DecodeSession session = g.openSession(1)) {
            int[] ids = DecodeThroughput.prompt(e, length);
            int[] padded = new int[length];
            Arrays.fill(padded, e.tokenizer().specials().pad());
            HostTensor[] rope = PaddedForward.rope(e.model(), length);
            for (int n = 1; n <= length; n++) {
                float[] cached = session.appendToken(new int[] {ids[n - 1]}, new boolean[] {true}).floats();
                padded[n - 1] = ids[n - 1];
                Map<String, HostTensor> in = new HashMap<>();
                in.put(BatchKeys.TOKENS, HostTensor.ints(Shape.of(1, length), padded.clone()));
                in.put(BatchKeys.MASK, PaddedForward.mask(n, length));
                in.put(BatchKeys.ROPE_COS, rope[0]);
                in.put(BatchKeys.ROPE_SIN, rope[1]);
                in.put(PaddedForward.POSITION, HostTensor.ints(Shape.of(1), new int[] {n - 1}));
                float[] recomputed = full.callHost(in).get(DecodeKeys.LOGITS).floats();
                assertThat(recomputed).hasSameSizeAs(cached);
                for (int v = 0; v < cached.length; v++) {
                    assertThat(recomputed[v]).as("logit %d after %d tokens", v, n).isCloseTo(cached[v], within(2e-3f));
                }
                assertThat(DecodeThroughput.argmax(recomputed)).isEqualTo(DecodeThroughput.argmax(cached));
            }
        }
    }

    @Test
    void promptStartsWithBosAndHasTheRequestedLength() {
        BenchSettings s = BenchSettings.quick();
        try (Experiment e = Experiment.create(s.config("djl", 1), Path.of("."))) {
            int[] p = DecodeThroughput.prompt(e, 300);
            assertThat(p).hasSize(300);
            assertThat(p[0]).isEqualTo(e.tokenizer().specials().bos());
            assertThat(Arrays.stream(p).skip(1).noneMatch(e.tokenizer()::isSpecial)).isTrue();
        }
    }

    @Test
    void argmaxTakesTheFirstLargest() {
        assertThat(DecodeThroughput.argmax(new float[] {1, 3, 3, -1})).isEqualTo(1);
        assertThat(DecodeThroughput.argmax(new float[] {5})).isZero();
    }
}
