package dev.transfusion.core.train;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds the next step's batch on a background thread while the current step trains. Rendering, blurring and
 * noising a batch is plain Java work (about 10 ms for the quickstart, 4–5% of its step) that would otherwise sit
 * between two backend calls. Batches are a pure function of the step, so the result is the same batch the wrapped
 * source would have built on the caller's thread: training stays bit-identical.
 */
public final class PrefetchingBatchSource implements BatchSource, AutoCloseable {
    private final BatchSource source;
    private final ExecutorService worker;
    private long pendingStep = -1;
    private CompletableFuture<TrainingBatch> pending;

    /** Wraps {@code source}; call {@link #close()} to stop the background thread. */
    public PrefetchingBatchSource(BatchSource source) {
        this.source = Objects.requireNonNull(source, "source");
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "transfusion-batch-prefetch");
            t.setDaemon(true);
            return t;
        });
    }

    /** The batch of {@code step} (prefetched when the previous call asked for {@code step - 1}), then starts {@code step + 1}. */
    @Override
    public TrainingBatch batch(long step) {
        // Every call into the wrapped source runs on the one worker thread, so the source never sees two at once
        // (a discarded prefetch may still be running when a caller jumps to another step).
        TrainingBatch batch = await(pending != null && pendingStep == step ? pending : build(step));
        long next = step + 1;
        pendingStep = next;
        pending = build(next);
        return batch;
    }

    private CompletableFuture<TrainingBatch> build(long step) {
        return CompletableFuture.supplyAsync(() -> source.batch(step), worker);
    }

    private static TrainingBatch await(CompletableFuture<TrainingBatch> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next training batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("building the next training batch failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
