package dev.transfusion.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.pytorch.jni.JniUtils;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendFactory;
import dev.transfusion.backend.Capability;
import dev.transfusion.tensor.Device;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Discovery, device checks and options of the DJL backend factory. */
class DjlBackendFactoryTest {
    @Test
    void isDiscoveredByNameWithRank100() {
        BackendFactory p = ServiceLoader.load(BackendFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals("djl")).findFirst().orElseThrow();
        assertThat(p).isInstanceOf(DjlBackendFactory.class);
        assertThat(p.rank()).isEqualTo(100);
        assertThat(p.isAvailable()).isTrue();
        assertThat(p.capabilities()).contains(Capability.AUTOGRAD, Capability.EAGER);
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void absentGpuIsAClearError() {
        assertThatThrownBy(() -> DjlTestBackends.create("gpu:0", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpu:0 requested but DJL/PyTorch sees 0 GPUs")
                .hasMessageContaining("pytorch-native-cu");
    }

    @Test
    void threadsOptionSetsIntraOpThreads() {
        int before = JniUtils.getNumThreads();
        try (Backend b = DjlTestBackends.create("cpu", 1)) {
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
            assertThat(b.name()).isEqualTo("djl");
            assertThat(b.device()).isEqualTo(Device.CPU);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }
}
