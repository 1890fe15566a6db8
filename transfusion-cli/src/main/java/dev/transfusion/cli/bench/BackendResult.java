package dev.transfusion.cli.bench;

import java.util.Objects;

/**
 * Everything measured on one backend in one run: its name, device and configured intra-op threads (0 = the library's
 * default), the model's FLOPs per token, each phase's result, the process's peak resident memory when the phase ended, and the wall time of the
 * whole backend's bench.
 */
record BackendResult(String backend, String device, int threads, ModelFlops flops, MatmulPeak.Result matmul,
                     TrainThroughput.Result train, DecodeThroughput.Result decode, ImageTiming.Result image,
                     double peakResidentMib, double benchSeconds) {
    BackendResult {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(flops, "flops");
        Objects.requireNonNull(matmul, "matmul");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(decode, "decode");
        Objects.requireNonNull(image, "image");
    }
}
