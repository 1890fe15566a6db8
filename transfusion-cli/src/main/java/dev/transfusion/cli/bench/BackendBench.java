package dev.transfusion.cli.bench;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.runtime.Experiment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Runs every bench phase on one backend: matmul peak, train throughput and MFU, decode with and without cache, images. */
final class BackendBench {
    private final BenchSettings settings;
    private final PrintStream log;

    /** A bench of {@code settings} that reports progress on {@code log}. */
    BackendBench(BenchSettings settings, PrintStream log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Measures backend {@code name} with {@code threads} intra-op threads (0 = default). */
    BackendResult run(String name, int threads) {
        long start = System.nanoTime();
        BenchSettings s = settings;
        try (Experiment e = Experiment.create(s.config(name, threads), Path.of("."))) {
            var backend = e.backend();
            ModelFlops flops = ModelFlops.of(e.model(), s.seqLen());
            progress(name, "matmul %d×%d×%d, %d warm-up + %d timed", s.matmulSize(), s.matmulSize(), s.matmulSize(),
                    s.matmulWarmup(), s.matmulRepeats());
            MatmulPeak.Result mm = MatmulPeak.measure(backend, s.matmulSize(), s.matmulWarmup(), s.matmulRepeats());
            progress(name, "matmul %.1f GFLOP/s; train step batch %d × seq %d, %d warm-up + %d timed", mm.gflops(),
                    s.batch(), s.seqLen(), s.trainWarmup(), s.trainSteps());
            TrainThroughput.Result train = TrainThroughput.measure(e, flops, mm.gflops(), s.trainWarmup(), s.trainSteps());
            progress(name, "train %.0f tokens/s (MFU %.1f%%); decode %d + %d tokens", train.tokensPerSecond(),
                    100 * train.mfu(), s.promptTokens(), s.newTokens());
            DecodeThroughput.Result decode;
            ImageTiming.Result image;
            try (ParameterStore params = e.initParameters()) {
                try (Generator g = e.generator(params, s.decodeLength())) {
                    decode = DecodeThroughput.measure(e, g, params, s.promptTokens(), s.newTokens());
                }
                progress(name, "decode cached %.1f, uncached %.2f tokens/s; images (%d DDIM steps, cfg %.1f)",
                        decode.cachedTokensPerSecond(), decode.uncachedTokensPerSecond(), s.samplerSteps(), s.cfg());
                try (Generator g = e.generator(params, Math.max(s.seqLen(), s.decodeLength()))) {
                    image = ImageTiming.measure(g, s.images());
                }
            }
            return new BackendResult(name, backend.device().toString(), threads, flops, mm, train, decode, image,
                    ProcStats.peakResidentMib(), Timing.since(start));
        }
    }

    private void progress(String backend, String format, Object... args) {
        log.println("[bench " + backend + "] " + String.format(Locale.ROOT, format, args));
        log.flush();
    }
}
