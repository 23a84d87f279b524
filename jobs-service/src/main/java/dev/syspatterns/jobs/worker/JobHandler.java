package dev.syspatterns.jobs.worker;

import tools.jackson.databind.JsonNode;

/**
 * The code behind one job type. A job may run more than once (its worker died after doing part of the work,
 * or after doing all of it but before recording that), so a handler must be idempotent: the job id in
 * {@link JobContext#jobId()} is the idempotency key for whatever it changes outside the queue.
 */
public interface JobHandler {

    /** The job type this handler runs, e.g. {@code media.process}. */
    String type();

    /** Rejects a payload this handler cannot run, at submission time; throws {@link InvalidJobPayload}. */
    void validate(JsonNode payload);

    /**
     * Does the work and returns the result to store with the job (may be null). Throwing fails this attempt;
     * the queue retries it with backoff until maxAttempts.
     */
    JsonNode handle(JsonNode payload, JobContext context) throws Exception;
}
