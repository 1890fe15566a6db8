package dev.transfusion.core.model;

import dev.transfusion.tensor.Tensor;
import java.util.Objects;

/**
 * One layer's key/value cache as program inputs and outputs (functional, so a graph backend can run it):
 * {@code keys, values (B, H, S, D)} with a fixed capacity S, {@code slotSource (S)} int32 — for each cache slot,
 * the row of the new tokens to write there — and {@code slotIsNew (1, 1, S, 1)} float 0/1 saying which slots
 * the new tokens fill. Scatter-free: the update is a gather plus a select.
 */
public record KvCache(Tensor keys, Tensor values, Tensor slotSource, Tensor slotIsNew) {
    public KvCache {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(slotSource, "slotSource");
        Objects.requireNonNull(slotIsNew, "slotIsNew");
    }
}
