package dev.transfusion.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.tensor.HostTensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A 2-layer MLP trained with {@link DjlTrainStep} on a fixed regression batch drives its loss down. */
class DjlTrainStepSmokeTest {
    @Test
    void mlpLossDropsMoreThan20x() {
        Map<String, HostTensor> batch = DjlMlpFixture.batch();
        try (Backend backend = DjlTestBackends.cpu();
                ParameterStore params = backend.createParameters(DjlMlpFixture.specs(),
                        ParamInitializer.initialize(DjlMlpFixture.specs(), 7));
                TrainStep step = backend.compileTrainStep(DjlMlpFixture.loss(), params,
                        new AdamW(0.9, 0.95, 1e-8, 0.0, 1.0))) {
            double first = step.run(batch, 1e-2).loss();
            double last = first;
            for (int i = 0; i < 400; i++) {
                last = step.run(batch, 1e-2).loss();
            }
            System.out.printf("DJL MLP smoke: loss %.5f -> %.6f (%.0fx)%n", first, last, first / last);
            assertThat(last).isLessThan(first / 20);
            assertThat(step.updates()).isEqualTo(401);
        }
    }
}
