package dev.syspatterns.events;

import java.time.Instant;

/** A job changed status or made progress (0-100). */
public record JobUpdated(
        String channel,
        String jobId,
        String type,
        String status,
        int progress,
        int attempts,
        String error,
        Instant occurredAt)
        implements ChannelEvent {

    public static JobUpdated of(String jobId, String type, String status, int progress, int attempts, String error) {
        return new JobUpdated("job." + jobId, jobId, type, status, progress, attempts, error, Instant.now());
    }
}
