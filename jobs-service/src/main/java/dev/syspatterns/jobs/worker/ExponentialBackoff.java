package dev.syspatterns.jobs.worker;

import dev.syspatterns.jobs.JobsProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Delay before retry n: base * 2^(n-1), capped, with "equal jitter": half of it fixed and half random. The
 * fixed half keeps retries from hammering a struggling dependency; the random half spreads the jobs that failed
 * together (the same outage) so they do not all come back in the same instant.
 */
@Component
public class ExponentialBackoff {

    private final Duration base;
    private final Duration max;

    ExponentialBackoff(JobsProperties properties) {
        this.base = properties.retry().baseDelay();
        this.max = properties.retry().maxDelay();
    }

    public Duration afterAttempt(int attempt) {
        long exponential = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.min(exponential, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
