package dev.transfusion.eval;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an evaluation runs. Counts of 0 skip a section: {@code textExamples} held-out documents per perplexity set,
 * {@code imageExamples} text-to-image prompts (also the FD sample size), {@code captionExamples} captioned images.
 * {@code samplerSteps} 0 and {@code guidance} NaN keep the configured sampler; {@code captionMaxTokens} 0 picks
 * 1.5× the longest reference plus 4; {@code batchRows} 0 uses {@code train.batch}; {@code gridSize} bounds the
 * images in each grid; {@code progress} receives one line per finished stage.
 */
public record EvalOptions(int textExamples, int imageExamples, int captionExamples, long seed, int samplerSteps,
        double guidance, int captionMaxTokens, int batchRows, int gridSize, Path outputDir, FeatureExtractor features,
        Consumer<String> progress) {
    /** Checks the values. */
    public EvalOptions {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(progress, "progress");
        if (textExamples < 0 || imageExamples < 0 || captionExamples < 0) {
            throw new IllegalArgumentException("example counts must be >= 0, got " + textExamples + ", "
                    + imageExamples + ", " + captionExamples);
        }
        if (samplerSteps < 0 || captionMaxTokens < 0 || batchRows < 0 || gridSize < 1) {
            throw new IllegalArgumentException("need sampler steps >= 0, caption max tokens >= 0, batch rows >= 0 "
                    + "and grid size >= 1");
        }
        if (!Double.isNaN(guidance) && guidance < 0) {
            throw new IllegalArgumentException("cfg must be >= 0 (or NaN for the configured one), got " + guidance);
        }
    }

    /** 200 examples per section, seed 0, the configured sampler, 16-image grids, random conv features, silent. */
    public static EvalOptions defaults(Path outputDir) {
        return new EvalOptions(200, 200, 200, 0, 0, Double.NaN, 0, 0, 16, outputDir, new RandomConvFeatures(), s -> {
        });
    }

    /** These options with other example counts. */
    public EvalOptions withCounts(int text, int images, int captions) {
        return new EvalOptions(text, images, captions, seed, samplerSteps, guidance, captionMaxTokens, batchRows,
                gridSize, outputDir, features, progress);
    }

    /** These options with another sampler step count (0 = configured) and CFG scale (NaN = configured). */
    public EvalOptions withSampler(int steps, double cfg) {
        return new EvalOptions(textExamples, imageExamples, captionExamples, seed, steps, cfg, captionMaxTokens,
                batchRows, gridSize, outputDir, features, progress);
    }

    /** These options with another seed (image i uses noise seed {@code seed + i}). */
    public EvalOptions withSeed(long newSeed) {
        return new EvalOptions(textExamples, imageExamples, captionExamples, newSeed, samplerSteps, guidance,
                captionMaxTokens, batchRows, gridSize, outputDir, features, progress);
    }

    /** These options with a progress callback. */
    public EvalOptions withProgress(Consumer<String> callback) {
        return new EvalOptions(textExamples, imageExamples, captionExamples, seed, samplerSteps, guidance,
                captionMaxTokens, batchRows, gridSize, outputDir, features, callback);
    }

    /** These options with another feature extractor for FD. */
    public EvalOptions withFeatures(FeatureExtractor extractor) {
        return new EvalOptions(textExamples, imageExamples, captionExamples, seed, samplerSteps, guidance,
                captionMaxTokens, batchRows, gridSize, outputDir, extractor, progress);
    }
}
