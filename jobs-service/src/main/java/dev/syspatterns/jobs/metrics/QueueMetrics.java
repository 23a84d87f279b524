package dev.syspatterns.jobs.metrics;

import dev.syspatterns.jobs.queue.JobStatus;
import dev.syspatterns.jobs.queue.JobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Queue depth per status and the age of the oldest runnable job, read from the table on a schedule rather than
 * on every scrape, so that many scrapers or replicas cost one cheap query each interval. Throughput and
 * failures are counted where they happen (jobs.attempts.finished in the worker pool).
 */
@Component
class QueueMetrics {

    private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

    private final JobStore store;
    private final Map<JobStatus, AtomicLong> depth = new EnumMap<>(JobStatus.class);
    private final AtomicReference<Double> oldestAge = new AtomicReference<>(0.0);

    QueueMetrics(JobStore store, MeterRegistry meters) {
        this.store = store;
        for (JobStatus status : JobStatus.values()) {
            AtomicLong value = new AtomicLong();
            depth.put(status, value);
            Gauge.builder("jobs.queue.depth", value, AtomicLong::get)
                    .description("jobs in each status")
                    .tag("status", status.name())
                    .register(meters);
        }
        Gauge.builder("jobs.queue.oldest.age", oldestAge, AtomicReference::get)
                .description("seconds the oldest runnable job has waited past its run_at")
                .baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${platform.jobs.events.metrics-refresh:5s}",
            initialDelayString = "${platform.jobs.events.metrics-refresh:5s}")
    void refresh() {
        try {
            Map<JobStatus, Long> counts = store.countByStatus();
            depth.forEach((status, value) -> value.set(counts.getOrDefault(status, 0L)));
            oldestAge.set(store.oldestRunnableAgeSeconds());
        } catch (RuntimeException e) {
            log.warn("could not refresh queue metrics: {}", e.getMessage());
        }
    }
}
