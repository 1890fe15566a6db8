package dev.transfusion.modalities.unet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.GradientResult;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.modalities.DjlEncoderTestBase;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoder;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The U-Net encoder/decoder run on the DJL backend: shapes, gradients, and what the skips carry. */
class UNetEncoderBackendTest extends DjlEncoderTestBase {
    private static final int DIM = 16;
    private static final int C = 3;
    private static final int N = 2;
    /** A built encoder and its parameters on the backend. */
    private record Built(UNetEncoder encoder, ParameterStore params, List<ParamSpec> specs) implements AutoCloseable {
        @Override
        public void close() {
            params.close();
        }
    }

    private static Built build(UNetConfig config, int size, boolean skips) {
        ParamBuilder pb = new ParamBuilder();
        UNetEncoder e = new UNetEncoder(pb.child("image"), DIM, new LatentGeometry(C, size), config,
                skips);
        return new Built(e, backend.createParameters(pb.specs(), ParamInitializer.initialize(pb.specs(), 3)), pb.specs());
    }

    @ParameterizedTest(name = "levels {0}, patch {1}")
    @CsvSource({"1,1", "1,2", "1,4", "2,1", "2,2", "2,4", "3,1", "3,2"})
    void encodeAndDecodeShapes(int levels, int patch) {
        int size = 16;
        UNetConfig config = new UNetConfig(patch, List.of(4, 8, 8).subList(0, levels), 1, 4, true);
        try (Built b = build(config, size, true);
                CompiledFunction fn = backend.compile("unet", (env, in) -> {
                    EncodedImages enc = b.encoder().encode(env, in.get("x"), in.get("t"));
                    Map<String, Tensor> out = new HashMap<>();
                    out.put("patches", enc.patches());
                    out.put("out", b.encoder().decode(env, enc.patches(), enc, in.get("t")));
                    for (int i = 0; i < enc.skips().size(); i++) {
                        out.put("skip" + i, enc.skips().get(i));
                    }
                    return out;
                }, b.params())) {
            Map<String, HostTensor> out = fn.callHost(Map.of("x", normal(Shape.of(N, C, size, size), 1),
                    "t", normal(Shape.of(N, DIM), 2)));
            int grid = size / (1 << (levels - 1)) / patch;
            assertThat(b.encoder().patchesPerImage()).isEqualTo(grid * grid);
            assertThat(out.get("patches").shape()).isEqualTo(Shape.of(N, grid * grid, DIM));
            assertThat(out.get("out").shape()).isEqualTo(Shape.of(N, C, size, size));
            for (int i = 0; i < levels; i++) {
                int s = size >> i;
                assertThat(out.get("skip" + i).shape()).isEqualTo(Shape.of(N, config.channels().get(i), s, s));
            }
            assertThat(out).hasSize(2 + levels);
        }
    }

    @Test
    void everyParameterReceivesAGradient() {
        UNetConfig config = new UNetConfig(2, List.of(4, 8), 2, 4, true);
        try (Built b = build(config, 8, true);
                GradientFunction g = backend.compileGradient((env, in) -> {
                    EncodedImages enc = b.encoder().encode(env, in.get("x"), in.get("t"));
                    Tensor y = b.encoder().decode(env, enc.patches(), enc, in.get("t"));
                    var m = env.ops().math();
                    return Map.of("loss", m.mean(m.square(m.sub(y, in.get("target"))), false));
                }, b.params(), List.of("x"))) {
            GradientResult r = g.compute(Map.of("x", normal(Shape.of(N, C, 8, 8), 1), "t", normal(Shape.of(N, DIM), 2),
                    "target", normal(Shape.of(N, C, 8, 8), 3)));
            assertThat(r.paramGradients().keySet()).containsExactlyInAnyOrderElementsOf(
                    b.specs().stream().map(ParamSpec::name).toList());
            for (ParamSpec s : b.specs()) {
                float[] grad = r.paramGradients().get(s.name()).floats();
                double norm = 0;
                for (float v : grad) {
                    norm += v * v;
                }
                assertThat(norm).as("gradient norm of %s", s.name()).isGreaterThan(0);
            }
        }
    }

    /**
     * With the transformer's output held fixed, the decoder's output still depends on the input latents through
     * the skips; built without skips, it does not.
     */
    @Test
    void skipConnectionsCarryTheEncodersActivationsToTheDecoder() {
        UNetConfig config = new UNetConfig(2, List.of(4, 8), 1, 4, false);
        HostTensor hidden = normal(Shape.of(N, 4, DIM), 7); // a fixed "transformer output"
        HostTensor t = normal(Shape.of(N, DIM), 2);
        HostTensor x1 = normal(Shape.of(N, C, 8, 8), 1);
        HostTensor x2 = normal(Shape.of(N, C, 8, 8), 11);
        double withSkips = decodedDifference(config, true, hidden, t, x1, x2);
        double withoutSkips = decodedDifference(config, false, hidden, t, x1, x2);
        assertThat(withSkips).isGreaterThan(1e-4);
        assertThat(withoutSkips).isZero();
    }

    /** Max |decode(hidden, encode(x1)) − decode(hidden, encode(x2))|. */
    private static double decodedDifference(UNetConfig config, boolean skips, HostTensor hidden, HostTensor t,
            HostTensor x1, HostTensor x2) {
        try (Built b = build(config, 8, skips);
                CompiledFunction fn = backend.compile("skips", (env, in) -> {
                    EncodedImages enc = b.encoder().encode(env, in.get("x"), in.get("t"));
                    return Map.of("out", b.encoder().decode(env, in.get("hidden"), enc, in.get("t")));
                }, b.params())) {
            float[] y1 = fn.callHost(Map.of("x", x1, "t", t, "hidden", hidden)).get("out").floats();
            float[] y2 = fn.callHost(Map.of("x", x2, "t", t, "hidden", hidden)).get("out").floats();
            double max = 0;
            for (int i = 0; i < y1.length; i++) {
                max = Math.max(max, Math.abs(y1[i] - y2[i]));
            }
            return max;
        }
    }

    @Test
    void theTimeEmbeddingConditionsTheDecoder() {
        UNetConfig config = new UNetConfig(2, List.of(4, 8), 1, 4, false);
        HostTensor hidden = normal(Shape.of(N, 4, DIM), 7);
        HostTensor x = normal(Shape.of(N, C, 8, 8), 1);
        try (Built b = build(config, 8, true);
                CompiledFunction fn = backend.compile("time", (env, in) -> {
                    EncodedImages enc = b.encoder().encode(env, in.get("x"), in.get("t"));
                    return Map.of("out", b.encoder().decode(env, in.get("hidden"), enc, in.get("t")));
                }, b.params())) {
            float[] y1 = fn.callHost(Map.of("x", x, "t", normal(Shape.of(N, DIM), 2), "hidden", hidden)).get("out")
                    .floats();
            float[] y2 = fn.callHost(Map.of("x", x, "t", normal(Shape.of(N, DIM), 3), "hidden", hidden)).get("out")
                    .floats();
            assertThat(y1).isNotEqualTo(y2);
        }
    }
}
