package dev.transfusion.modalities;

import dev.transfusion.backend.Backend;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.config.BackendConfig;
import dev.transfusion.param.Init;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One CPU DJL backend per encoder test class, opened before its tests and closed after, and seeded inputs. */
public abstract class DjlEncoderTestBase {
    protected static Backend backend;

    @BeforeAll
    static void openBackend() {
        backend = Backends.create(new BackendConfig("djl", "cpu", 0));
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    /** A standard-normal tensor of {@code shape}, the same for the same {@code seed}. */
    protected static HostTensor normal(Shape shape, long seed) {
        return new Init.Normal(1).sample(shape, new SplittableRandom(seed));
    }
}
