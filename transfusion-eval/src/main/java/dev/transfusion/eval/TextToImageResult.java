package dev.transfusion.eval;

import java.util.List;

/**
 * Text-to-image results: {@code n} prompts generated with {@code steps} sampler steps and CFG {@code guidance},
 * their oracle accuracy ({@code null} when the dataset has no shapes labels) and the prompts, in order.
 */
public record TextToImageResult(int n, int steps, double guidance, AttributeAccuracy accuracy, List<String> prompts) {
    /** Copies the prompts. */
    public TextToImageResult {
        prompts = List.copyOf(prompts);
    }
}
