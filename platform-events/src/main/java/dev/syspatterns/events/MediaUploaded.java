package dev.syspatterns.events;

import java.time.Instant;

/** An upload was verified in the object store and is READY; processing may start. */
public record MediaUploaded(
        String channel, String mediaId, String bucket, String key, String contentType, long size, Instant occurredAt)
        implements ChannelEvent {

    public static MediaUploaded of(String mediaId, String bucket, String key, String contentType, long size) {
        return new MediaUploaded("media." + mediaId, mediaId, bucket, key, contentType, size, Instant.now());
    }
}
