package dev.syspatterns.jobs.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * POST /api/jobs.
 *
 * @param payload a JSON object the job type understands; absent means {}
 * @param runAt not before this instant (delayed job); absent means now
 * @param priority higher runs first among runnable jobs
 * @param maxAttempts attempts before the job is DEAD; absent means platform.jobs.retry.default-max-attempts
 */
record SubmitJobRequest(
        @NotBlank @Size(max = 100) String type,
        JsonNode payload,
        Instant runAt,
        @Min(-1000) @Max(1000) Integer priority,
        @Min(1) @Max(100) Integer maxAttempts) {}
