package dev.syspatterns.jobs.queue;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A job to enqueue; {@code idempotencyKey} may be null. */
public record NewJob(
        String type, JsonNode payload, Instant runAt, int priority, int maxAttempts, String idempotencyKey) {}
