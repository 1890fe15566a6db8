package dev.transfusion.cli.bench;

import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The sizes one bench run uses: the model (a Llama-style Transfusion on the shapes data, linear patch encoder),
 * the train batch, the matmul, the decode lengths and the image sampler. {@link #standard()} is the bench model of
 * the issue (dim 512, 8 layers, 8 heads, seq 512, batch 8); {@link #quick()} shrinks everything for tests.
 */
public record BenchSettings(int dim, int layers, int heads, int seqLen, int batch, int imageSize, int patch,
                            int matmulSize, int matmulWarmup, int matmulRepeats, int trainWarmup, int trainSteps,
                            int promptTokens, int newTokens, int samplerSteps, double cfg, int images) {
    public BenchSettings {
        positive("dim", dim);
        positive("layers", layers);
        positive("heads", heads);
        positive("seq_len", seqLen);
        positive("batch", batch);
        positive("matmul_size", matmulSize);
        positive("matmul_repeats", matmulRepeats);
        positive("train_steps", trainSteps);
        positive("prompt_tokens", promptTokens);
        positive("new_tokens", newTokens);
        positive("sampler_steps", samplerSteps);
        positive("images", images);
        if (matmulWarmup < 0 || trainWarmup < 0) {
            throw new IllegalArgumentException("warm-up counts must be >= 0, got matmul " + matmulWarmup + ", train "
                    + trainWarmup);
        }
        if (imageSize % patch != 0) {
            throw new IllegalArgumentException("image size " + imageSize + " is not a multiple of patch " + patch);
        }
        if (cfg <= 1.0) {
            throw new IllegalArgumentException("cfg must be > 1 so guidance is on, got " + cfg);
        }
    }

    /** The bench model of the issue: dim 512, 8 layers, 8 heads, seq 512, batch 8, 32×32 images, patch 4. */
    public static BenchSettings standard() {
        return new BenchSettings(512, 8, 8, 512, 8, 32, 4, 1024, 3, 10, 2, 3, 256, 256, 50, 3.0, 2);
    }

    /** A seconds-long version for tests: every phase runs, on a toy model. */
    public static BenchSettings quick() {
        return new BenchSettings(32, 2, 4, 48, 2, 16, 4, 128, 1, 2, 1, 2, 12, 12, 3, 3.0, 1);
    }

    /** Positions one decode session needs: the prompt and every generated token. */
    public int decodeLength() {
        return promptTokens + newTokens;
    }

    /** The experiment config of the bench model on {@code backend} with {@code threads} intra-op threads. */
    public ExperimentConfig config(String backend, int threads) {
        Objects.requireNonNull(backend, "backend");
        String yaml = String.format(Locale.ROOT, """
                seed: 1234
                backend: { type: %s, device: cpu, threads: %d }
                model: { dim: %d, layers: %d, heads: %d }
                tokenizer: { type: bytes }
                image: { size: %d, channels: 3, codec: { type: pixels }, encoder: { type: linear, patch: %d } }
                attention: { type: transfusion }
                diffusion: { schedule: { type: cosine, timesteps: 1000 }, objective: { type: epsilon }, loss_weight: 5.0 }
                sampler: { type: ddim, steps: %d, cfg: %s }
                data: { dataset: { type: shapes, image_size: %d } }
                train: { steps: %d, batch: %d, seq_len: %d, lr: 3.0e-4, warmup: 0, min_lr: 3.0e-4 }
                """, backend, threads, dim, layers, heads, imageSize, patch, samplerSteps, cfg, imageSize,
                trainWarmup + trainSteps, batch, seqLen);
        return ConfigLoader.parse(yaml, "<bench model>", List.of());
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("bench setting " + key + " must be > 0, got " + value);
        }
    }
}
