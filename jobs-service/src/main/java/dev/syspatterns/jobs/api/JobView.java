package dev.syspatterns.jobs.api;

import dev.syspatterns.jobs.queue.Job;
import dev.syspatterns.jobs.queue.JobStatus;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A job as the API shows it: no lease internals. */
record JobView(
        UUID id,
        String type,
        JobStatus status,
        int progress,
        int attempts,
        int maxAttempts,
        int priority,
        JsonNode payload,
        JsonNode result,
        String error,
        boolean cancelRequested,
        String statusUrl,
        Timestamps timestamps) {

    record Timestamps(Instant createdAt, Instant updatedAt, Instant runAt, Instant startedAt, Instant finishedAt) {}

    static JobView of(Job job) {
        return new JobView(
                job.id(),
                job.type(),
                job.status(),
                job.progress(),
                job.attempts(),
                job.maxAttempts(),
                job.priority(),
                job.payload(),
                job.result(),
                job.error(),
                job.cancelRequested(),
                "/api/jobs/" + job.id(),
                new Timestamps(job.createdAt(), job.updatedAt(), job.runAt(), job.startedAt(), job.finishedAt()));
    }
}
