package dev.transfusion.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.backend.BackendFactory;
import dev.transfusion.core.backend.FakeBackendFactory;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Timing summaries, /proc parsing and the --backend list. */
class BenchHelpersTest {
    @Test
    void medianAndBest() {
        assertThat(Timing.median(new double[] {3, 1, 2})).isEqualTo(2.0);
        assertThat(Timing.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Timing.best(new double[] {4, 1, 3})).isEqualTo(1.0);
        assertThatThrownBy(() -> Timing.median(new double[0])).hasMessageContaining("no timings");
    }

    @Test
    void parsesVmHwmAndLoadAverage() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 1000 kB\n";
        assertThat(ProcStats.parseVmHwmKib(status)).isEqualTo(204800.0);
        assertThat(ProcStats.parseVmHwmKib("Name:\tjava\n")).isNaN();
        assertThat(ProcStats.parseLoadAverage("8.34 8.45 8.47 3/201 2917\n")).containsExactly(8.34, 8.45, 8.47);
        assertThat(ProcStats.parseLoadAverage("")[0]).isNaN();
    }

    @Test
    void backendListKeepsOrderAndRejectsUnknownNames() {
        Map<String, BackendFactory> found = new TreeMap<>(Map.of("tf", fake("tf", true), "djl", fake("djl", true),
                "gpuonly", fake("gpuonly", false)));
        assertThat(BenchCommand.backends("all", found)).containsExactly("djl", "tf");
        assertThat(BenchCommand.backends("tf, djl,tf", found)).containsExactly("tf", "djl");
        assertThatThrownBy(() -> BenchCommand.backends("djl,jax", found))
                .hasMessageContaining("unknown backend 'jax'").hasMessageContaining("[djl, gpuonly, tf]");
        assertThatThrownBy(() -> BenchCommand.backends("gpuonly", found)).hasMessageContaining("cannot be loaded");
    }

    private static BackendFactory fake(String name, boolean available) {
        return FakeBackendFactory.of(name, 0, available);
    }
}
