package dev.transfusion.modalities.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.config.BackendConfig;
import dev.transfusion.modalities.DjlEncoderTestBase;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The overlapping patch encoder on the DJL backend: the token grid and image shapes, and that each token reads
 * and writes exactly its patch widened by the overlap — so neighbouring tokens share the pixels near patch edges.
 */
class OverlappingPatchEncoderBackendTest extends DjlEncoderTestBase {
    private static final int DIM = 8;
    private static final int SIZE = 16;

    /** Runs encode of {@code x} and decode of {@code h} on the DJL backend with fixed random parameters. */
    private static Map<String, HostTensor> run(int patch, int overlap, HostTensor x, HostTensor h) {
        return run(backend, patch, overlap, x, h);
    }

    private static Map<String, HostTensor> run(Backend on, int patch, int overlap, HostTensor x, HostTensor h) {
        ParamBuilder pb = new ParamBuilder();
        OverlappingPatchEncoder e = new OverlappingPatchEncoder(pb, DIM, new LatentGeometry(3, SIZE),
                patch, overlap, PositionEmbedding.LEARNED);
        try (ParameterStore ps = on.createParameters(pb.specs(), ParamInitializer.initialize(pb.specs(), 1));
                CompiledFunction fn = on.compile("overlap", (env, in) -> {
                    EncodedImages enc = e.encode(env, in.get("x"), in.get("t"));
                    return Map.of("patches", enc.patches(), "out", e.decode(env, in.get("h"), enc, in.get("t")));
                }, ps)) {
            return fn.callHost(Map.of("x", x, "t", HostTensor.zeros(Shape.of(x.shape().dim(0), DIM)), "h", h));
        }
    }

    @ParameterizedTest(name = "patch {0}, overlap {1}")
    @CsvSource({"2,1", "4,1", "4,2", "4,4", "8,2"})
    void tokenGridAndImageShapesMatchThePlainEncoder(int patch, int overlap) {
        int p = (SIZE / patch) * (SIZE / patch);
        Map<String, HostTensor> out = run(patch, overlap, normal(Shape.of(2, 3, SIZE, SIZE), 1),
                normal(Shape.of(2, p, DIM), 2));
        assertThat(out.get("patches").shape()).isEqualTo(Shape.of(2, p, DIM));
        assertThat(out.get("out").shape()).isEqualTo(Shape.of(2, 3, SIZE, SIZE));
    }

    @Test
    void oneTokenWritesItsPatchWidenedByTheOverlapAndNothingElse() {
        // Patch 4, overlap 2: token (row 1, col 2) owns pixels rows 4..7, cols 8..11 and writes rows 2..9, cols 6..13.
        int grid = SIZE / 4;
        float[] hot = new float[grid * grid * DIM];
        Arrays.fill(hot, (grid + 2) * DIM, (grid + 3) * DIM, 1.0f);
        HostTensor h = HostTensor.floats(Shape.of(1, grid * grid, DIM), hot);
        float[] img = run(4, 2, HostTensor.zeros(Shape.of(1, 3, SIZE, SIZE)), h).get("out").floats();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean inWindow = y >= 2 && y <= 9 && x >= 6 && x <= 13;
                double energy = 0;
                for (int c = 0; c < 3; c++) {
                    energy += Math.abs(img[(c * SIZE + y) * SIZE + x]);
                }
                assertThat(energy > 0).as("pixel (%d, %d) written", y, x).isEqualTo(inWindow);
            }
        }
    }

    @Test
    void aPixelNearAPatchEdgeReachesBothNeighbouringTokens() {
        // Pixel (row 9, col 1) lies in patch (2, 0), one row below patch (1, 0): with overlap 2 both tokens see it;
        // patch (3, 0) (window from row 10) and patch (2, 1) (window from col 2) do not, nor does anything else.
        int grid = SIZE / 4;
        HostTensor blank = HostTensor.zeros(Shape.of(1, 3, SIZE, SIZE));
        float[] pixels = new float[3 * SIZE * SIZE];
        pixels[9 * SIZE + 1] = 1.0f; // channel 0
        HostTensor dot = HostTensor.floats(Shape.of(1, 3, SIZE, SIZE), pixels);
        HostTensor h = HostTensor.zeros(Shape.of(1, grid * grid, DIM));
        float[] a = run(4, 2, blank, h).get("patches").floats();
        float[] b = run(4, 2, dot, h).get("patches").floats();
        for (int token = 0; token < grid * grid; token++) {
            double diff = 0;
            for (int d = 0; d < DIM; d++) {
                diff += Math.abs(a[token * DIM + d] - b[token * DIM + d]);
            }
            boolean sees = token == grid || token == 2 * grid;
            assertThat(diff > 0).as("token %d changed", token).isEqualTo(sees);
        }
    }

    @Test
    void theTensorFlowGraphComputesTheSameTokensAndImage() {
        // The quickstart runs this encoder on TF: its traced conv / transposed conv must agree with PyTorch's.
        HostTensor x = normal(Shape.of(2, 3, SIZE, SIZE), 3);
        HostTensor h = normal(Shape.of(2, 16, DIM), 4);
        Map<String, HostTensor> djl = run(4, 2, x, h);
        try (Backend tf = Backends.create(new BackendConfig("tf", "cpu", 0))) {
            Map<String, HostTensor> graph = run(tf, 4, 2, x, h);
            for (String key : List.of("patches", "out")) {
                float[] a = djl.get(key).floats();
                float[] b = graph.get(key).floats();
                assertThat(b).hasSameSizeAs(a);
                for (int i = 0; i < a.length; i++) {
                    assertThat((double) b[i]).as("%s[%d]", key, i).isCloseTo(a[i], within(1e-4 + 1e-4 * Math.abs(a[i])));
                }
            }
        }
    }
}
