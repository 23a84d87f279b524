package dev.syspatterns.e2e;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks again until an answer is what the scenario waits for, or time is up: the platform is asynchronous (Kafka,
 * workers, replicas), so the last answer is returned either way and the caller's assertion says what was wrong.
 */
final class Eventually {

    private Eventually() {}

    static <T> T poll(Duration timeout, Supplier<T> attempt, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = attempt.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            last = attempt.get();
        }
        return last;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
