package dev.syspatterns.jobs.queue;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One row of the job table as a worker or the API sees it. */
public record Job(
        UUID id,
        String type,
        JsonNode payload,
        JobStatus status,
        int priority,
        int progress,
        int attempts,
        int maxAttempts,
        Instant runAt,
        String leaseOwner,
        UUID leaseToken,
        Instant leaseUntil,
        boolean cancelRequested,
        String idempotencyKey,
        JsonNode result,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt,
        String traceparent) {}
