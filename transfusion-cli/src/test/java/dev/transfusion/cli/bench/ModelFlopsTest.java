package dev.transfusion.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.core.runtime.Experiment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The PaLM FLOP count against a parameter count worked out by hand for the Llama block. */
class ModelFlopsTest {
    @Test
    void countsTransformerAndHeadParametersByHand() {
        BenchSettings s = BenchSettings.quick();
        try (Experiment e = Experiment.create(s.config("djl", 1), Path.of("."))) {
            ModelFlops f = ModelFlops.of(e.model(), s.seqLen());
            long d = s.dim();
            long hidden = e.config().model().effectiveMlpHidden();
            long vocab = e.tokenizer().vocabSize();
            // per layer: wq, wk, wv, wo (d×d), w1, w3 (h×d), w2 (d×h), two RMSNorm weights (d); then final norm, LM head
            long perLayer = 4 * d * d + 3 * d * hidden + 2 * d;
            long expected = s.layers() * perLayer + d + vocab * d;
            assertThat(f.nonEmbeddingParams()).isEqualTo(expected);
            assertThat(f.totalParams()).isGreaterThan(expected + vocab * d - 1); // plus token table, time, patches
            assertThat(f.flopsPerToken()).isEqualTo(6.0 * expected + 12.0 * s.layers() * s.seqLen() * d);
        }
    }

    @Test
    void benchModelHasTheIssuesSize() {
        BenchSettings s = BenchSettings.standard();
        assertThat(new int[] {s.dim(), s.layers(), s.heads(), s.seqLen(), s.batch(), s.imageSize(), s.patch()})
                .containsExactly(512, 8, 8, 512, 8, 32, 4);
        assertThat(s.decodeLength()).isEqualTo(512);
        var c = s.config("tf", 2);
        assertThat(c.backend().type()).isEqualTo("tf");
        assertThat(c.backend().threads()).isEqualTo(2);
        assertThat(c.sampler().type()).isEqualTo("ddim");
    }

    @Test
    void nonEmbeddingNamesAreTheStackAndTheHead() {
        assertThat(ModelFlops.isNonEmbedding("layers.3.attention.wq.weight")).isTrue();
        assertThat(ModelFlops.isNonEmbedding("norm.weight")).isTrue();
        assertThat(ModelFlops.isNonEmbedding("output.weight")).isTrue();
        assertThat(ModelFlops.isNonEmbedding("tok_embeddings.weight")).isFalse();
        assertThat(ModelFlops.isNonEmbedding("time_embed.mlp.0.weight")).isFalse();
        assertThat(ModelFlops.isNonEmbedding("image.in.weight")).isFalse();
    }
}
