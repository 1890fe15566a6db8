package dev.transfusion.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heads of one forward pass: logits at chosen rows, and no prediction without images. */
class ModelOutputTest {
    private static final String CONFIG = """
            seed: 3
            backend: { type: djl }
            model: { dim: 32, layers: 1, heads: 2 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 1, batch: 1, seq_len: 32 }
            """;
    private static final int LENGTH = 6;

    private static Experiment experiment() {
        return Experiment.create(ConfigLoader.parse(CONFIG, "heads.yaml", List.of()), Path.of("."));
    }

    /** A text-only pass over {@code tokens (1, LENGTH)}, causal. */
    private static ModelInput text(Map<String, Tensor> in) {
        return new ModelInput(new ModelInput.Text(in.get(BatchKeys.TOKENS)), in.get(BatchKeys.ROPE_COS),
                in.get(BatchKeys.ROPE_SIN), in.get(BatchKeys.MASK), null);
    }

    private static Map<String, HostTensor> textInputs(Experiment e) {
        int[] ids = e.tokenizer().encode("a small red circle");
        Map<String, HostTensor> in = new HashMap<>();
        in.put(BatchKeys.TOKENS, HostTensor.ints(Shape.of(1, LENGTH), Arrays.copyOf(ids, LENGTH)));
        HostTensor[] rope = e.model().dims().rotary().sequence(LENGTH);
        in.put(BatchKeys.ROPE_COS, rope[0]);
        in.put(BatchKeys.ROPE_SIN, rope[1]);
        in.put(BatchKeys.MASK, HostTensor.zeros(Shape.of(1, 1, LENGTH, LENGTH)));
        return in;
    }

    @Test
    void logitsAtRowsAreTheFullLogitsOfThoseRows() {
        int[] rows = {5, 0, 3};
        try (Experiment e = experiment(); ParameterStore params = e.initParameters()) {
            TransfusionModel model = e.model();
            TensorFunction heads = (env, in) -> {
                ModelOutput out = model.forward(env, text(in));
                return Map.of("all", out.logits(), "some", out.logitsAt(in.get("rows")));
            };
            Map<String, HostTensor> in = textInputs(e);
            in.put("rows", HostTensor.ints(Shape.of(rows.length), rows));
            try (CompiledFunction fn = e.backend().compile("heads", heads, params)) {
                Map<String, HostTensor> out = fn.callHost(in);
                float[] all = out.get("all").floats();
                float[] some = out.get("some").floats();
                int vocab = Math.toIntExact(out.get("all").shape().dim(2));
                assertThat(out.get("some").shape()).isEqualTo(Shape.of(rows.length, vocab));
                assertThat(all[5 * vocab]).as("rows must differ for the comparison to mean anything")
                        .isNotEqualTo(all[0]);
                for (int r = 0; r < rows.length; r++) {
                    for (int v = 0; v < vocab; v++) {
                        assertThat(some[r * vocab + v]).as("row %d logit %d", rows[r], v)
                                .isCloseTo(all[rows[r] * vocab + v], within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void aTextOnlyPassHasNoPrediction() {
        try (Experiment e = experiment(); ParameterStore params = e.initParameters()) {
            TransfusionModel model = e.model();
            TensorFunction predict = (env, in) -> Map.of("prediction", model.forward(env, text(in)).prediction());
            assertThatThrownBy(() -> {
                try (CompiledFunction fn = e.backend().compile("predict", predict, params)) {
                    fn.callHost(textInputs(e));
                }
            }).hasStackTraceContaining("a text-only forward pass has no images to predict");
        }
    }
}
