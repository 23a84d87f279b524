package dev.syspatterns.media.upload;

import dev.syspatterns.media.MediaProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Aborts uploads that stayed PENDING past their expiry, on every instance; row locks with SKIP LOCKED keep
 * two instances off the same upload. (On AWS a bucket lifecycle rule "AbortIncompleteMultipartUpload" is a
 * second net for uploads the database never heard of.)
 */
@Component
class StaleUploadSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StaleUploadSweeper.class);

    private final UploadAbort aborts;
    private final Duration interval;
    private final Counter expired;

    StaleUploadSweeper(UploadAbort aborts, MediaProperties properties, MeterRegistry meters) {
        this.aborts = aborts;
        this.interval = properties.sweepInterval();
        this.expired = meters.counter("media.uploads.expired");
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweepQuietly, interval);
    }

    /** Expires every stale upload as of {@code now}; returns how many. */
    int sweep(Instant now) {
        int total = 0;
        int batch;
        do {
            batch = aborts.expireStale(now);
            total += batch;
        } while (batch > 0);
        expired.increment(total);
        return total;
    }

    private void sweepQuietly() {
        try {
            int count = sweep(Instant.now());
            if (count > 0) {
                log.info("expired {} stale uploads", count);
            }
        } catch (RuntimeException e) {
            log.warn("sweeping stale uploads failed, will retry: {}", e.getMessage());
        }
    }
}
