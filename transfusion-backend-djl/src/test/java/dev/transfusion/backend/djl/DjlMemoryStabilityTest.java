package dev.transfusion.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 2,000 train steps must not grow the process's resident memory: a native leak shows in VmRSS, not in the heap.
 * The probe runs in its own JVM with a fixed, pre-touched heap so Java garbage filling fresh eden pages (which the
 * surefire JVM's adaptive 6 GB heap does for thousands of steps) cannot pass for native growth.
 */
@Tag("slow")
class DjlMemoryStabilityTest {
    @Test
    void residentMemoryIsFlatOver2000Steps() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xms192m", "-Xmx192m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), DjlMemoryProbe.class.getName(), "200", "2000");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                log.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("probe output:%n%s", log).isZero();
        assertThat(result).as("probe output:%n%s", log).isNotNull();
        String[] f = result.split(" ");
        long warm = Long.parseLong(f[1]);
        long end = Long.parseLong(f[2]);
        System.out.printf("DJL memory stability: VmRSS after 200-step warm-up %d kB, after 2000 steps %d kB (%+.2f%%);"
                + " live tensors %s -> %s%n", warm, end, 100.0 * (end - warm) / warm, f[3], f[4]);
        assertThat(f[4]).as("live tensors").isEqualTo(f[3]);
        assertThat((double) end).isLessThan(warm * 1.10);
    }
}
