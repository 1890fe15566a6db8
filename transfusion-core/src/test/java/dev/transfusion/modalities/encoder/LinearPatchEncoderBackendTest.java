package dev.transfusion.modalities.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.modalities.DjlEncoderTestBase;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The linear patch encoder's shapes on the DJL backend, for every patch size that divides the latent. */
class LinearPatchEncoderBackendTest extends DjlEncoderTestBase {
    @ParameterizedTest(name = "patch {0}")
    @ValueSource(ints = {1, 2, 4, 8, 16})
    void encodeAndDecodeShapes(int patch) {
        int dim = 8;
        ParamBuilder pb = new ParamBuilder();
        LinearPatchEncoder e = new LinearPatchEncoder(pb, dim, new LatentGeometry(3, 16), patch,
                PositionEmbedding.LEARNED);
        try (ParameterStore ps = backend.createParameters(pb.specs(), ParamInitializer.initialize(pb.specs(), 1));
                CompiledFunction fn = backend.compile("linear", (env, in) -> {
                    EncodedImages enc = e.encode(env, in.get("x"), in.get("t"));
                    return Map.of("patches", enc.patches(), "out", e.decode(env, enc.patches(), enc, in.get("t")));
                }, ps)) {
            Map<String, HostTensor> out = fn.callHost(Map.of(
                    "x", normal(Shape.of(2, 3, 16, 16), 1),
                    "t", normal(Shape.of(2, dim), 2)));
            int p = (16 / patch) * (16 / patch);
            assertThat(out.get("patches").shape()).isEqualTo(Shape.of(2, p, dim));
            assertThat(out.get("out").shape()).isEqualTo(Shape.of(2, 3, 16, 16));
        }
    }
}
