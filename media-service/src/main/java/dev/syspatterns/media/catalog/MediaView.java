package dev.syspatterns.media.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * What a client sees of a media item. {@code download} is present once it is READY: a CDN URL for public
 * objects (cacheable, no expiry), a short presigned GET for private ones ({@code expiresAt} set).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaView(
        UUID id,
        String filename,
        String contentType,
        long size,
        String sha256,
        Visibility visibility,
        MediaStatus status,
        String bucket,
        String key,
        Instant createdAt,
        Instant completedAt,
        Download download) {

    public record Download(URI url, String via, Instant expiresAt) {}
}
