package dev.transfusion.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training the real model for 2,000 steps must not grow resident memory by more than 10% after warm-up, on
 * either backend. The probe runs in its own JVM with a fixed, pre-touched heap so Java garbage cannot pass for
 * native growth.
 */
@Tag("slow")
class MemoryStabilityTest {
    @ParameterizedTest
    @ValueSource(strings = {"djl", "tf"})
    void residentMemoryIsFlatOver2000Steps(String backend) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(), backend, "200", "2000");
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
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("probe output:%n%s", log).isZero();
        assertThat(result).as("probe output:%n%s", log).isNotNull();
        String[] f = result.split(" ");
        long warm = Long.parseLong(f[1]);
        long end = Long.parseLong(f[2]);
        System.out.printf("%s memory: VmRSS after 200-step warm-up %d kB, after 2000 steps %d kB (%+.2f%%)%n", backend,
                warm, end, 100.0 * (end - warm) / warm);
        assertThat((double) end).isLessThan(warm * 1.10);
    }
}
