package dev.transfusion.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.pytorch.jni.JniUtils;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendOptions;
import dev.transfusion.backend.BackendProvider;
import dev.transfusion.backend.Capability;
import dev.transfusion.tensor.Device;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Discovery, device checks and options of the DJL provider. */
class DjlBackendProviderTest {
    @Test
    void isDiscoveredByNameWithRank100() {
        BackendProvider p = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals("djl")).findFirst().orElseThrow();
        assertThat(p).isInstanceOf(DjlBackendProvider.class);
        assertThat(p.rank()).isEqualTo(100);
        assertThat(p.isAvailable()).isTrue();
        assertThat(p.capabilities()).contains(Capability.AUTOGRAD, Capability.EAGER);
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void absentGpuIsAClearError() {
        BackendOptions gpu = new BackendOptions(Device.parse("gpu:0"), 0);
        assertThatThrownBy(() -> new DjlBackendProvider().create(gpu))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpu:0 requested but DJL/PyTorch sees 0 GPUs")
                .hasMessageContaining("pytorch-native-cu");
    }

    @Test
    void threadsOptionSetsIntraOpThreads() {
        int before = JniUtils.getNumThreads();
        try (Backend b = new DjlBackendProvider().create(new BackendOptions(Device.CPU, 1))) {
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
            assertThat(b.name()).isEqualTo("djl");
            assertThat(b.device()).isEqualTo(Device.CPU);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }
}
