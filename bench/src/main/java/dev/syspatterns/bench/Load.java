package dev.syspatterns.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Runs an operation a bounded number of times from a bounded number of clients, within a time limit, and
 * records each operation's latency. Loops are bounded in count and time: a benchmark always stops by itself,
 * and fails when the time limit stopped it before every operation ran.
 */
public final class Load {

    /** One operation; {@code i} numbers the operations from 0. */
    @FunctionalInterface
    public interface Operation {
        void run(int i) throws Exception;
    }

    private Load() {}

    public static Measurement measure(String variant, int operations, int clients, Duration limit, Operation op) {
        Histogram latencies = new ConcurrentHistogram(3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + limit.toNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(
                clients, Thread.ofPlatform().daemon().factory())) {
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    int i;
                    while (failure.get() == null
                            && System.nanoTime() < deadline
                            && (i = next.getAndIncrement()) < operations) {
                        long t0 = System.nanoTime();
                        try {
                            op.run(i);
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                        latencies.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                        done.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            awaitQuietly(pool, limit.plusSeconds(30));
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    variant + " failed: " + failure.get().getMessage(), failure.get());
        }
        if (done.get() < operations) {
            // A run cut short compares unequal amounts of work, and a check over the operations that never ran
            // would pass vacuously: the time limit is a safety stop, not a way to end a measurement.
            throw new IllegalStateException(
                    variant + ": only " + done.get() + " of " + operations + " operations finished within " + limit);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measurement(variant, done.get(), seconds, latencies, Map.of());
    }

    private static void awaitQuietly(ExecutorService pool, Duration timeout) {
        try {
            if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
