package dev.syspatterns.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.jobs.JobsProperties;
import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Retry n waits base * 2^(n-1), capped, half of it fixed and half random ("equal jitter"). */
class ExponentialBackoffTest {

    private static final long BASE_MS = 1_000;
    private static final long MAX_MS = 60_000;
    private static final int SAMPLES = 1_000;

    private final ExponentialBackoff backoff = new ExponentialBackoff(new JobsProperties(
            JobsProperties.Role.BOTH,
            null,
            new JobsProperties.Retry(3, Duration.ofMillis(BASE_MS), Duration.ofMillis(MAX_MS)),
            null,
            null));

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfADoublingDelay() {
        // attempts 1..6: 1 s, 2 s, 4 s, ... 32 s; each range starts where the previous one ends, so delays double
        for (int attempt = 1; attempt <= 6; attempt++) {
            long full = BASE_MS << (attempt - 1);
            LongSummaryStatistics delays = samples(attempt);
            assertThat(delays.getMin()).as("attempt %d", attempt).isGreaterThanOrEqualTo(full / 2);
            assertThat(delays.getMax()).as("attempt %d", attempt).isLessThanOrEqualTo(full);
        }
    }

    @Test
    void delaysAreCappedAtTheMaximum() {
        // 2^6 s = 64 s would exceed the 60 s cap; so would 2^999 s (which must not overflow into a short delay)
        for (int attempt : new int[] {7, 8, 31, 64, 1_000}) {
            LongSummaryStatistics delays = samples(attempt);
            assertThat(delays.getMin()).as("attempt %d", attempt).isGreaterThanOrEqualTo(MAX_MS / 2);
            assertThat(delays.getMax()).as("attempt %d", attempt).isLessThanOrEqualTo(MAX_MS);
        }
    }

    @Test
    void jitterSpreadsDelaysOverTheWholeRandomHalf() {
        // jobs that failed together must not come back together: samples reach both ends of [half, full]
        long full = BASE_MS << 2;
        long half = full / 2;
        LongSummaryStatistics delays = samples(3);
        assertThat(delays.getMin()).isLessThan(half + half / 10);
        assertThat(delays.getMax()).isGreaterThan(full - half / 10);
        assertThat(IntStream.range(0, SAMPLES)
                        .mapToLong(i -> backoff.afterAttempt(3).toMillis())
                        .distinct()
                        .count())
                .isGreaterThan(SAMPLES / 2);
    }

    @Test
    void anAttemptBelowOneIsTreatedAsTheFirst() {
        LongSummaryStatistics delays = samples(0);
        assertThat(delays.getMin()).isGreaterThanOrEqualTo(BASE_MS / 2);
        assertThat(delays.getMax()).isLessThanOrEqualTo(BASE_MS);
    }

    private LongSummaryStatistics samples(int attempt) {
        return IntStream.range(0, SAMPLES)
                .mapToLong(i -> backoff.afterAttempt(attempt).toMillis())
                .summaryStatistics();
    }
}
