package dev.syspatterns.media.catalog;

import java.time.Instant;
import java.util.UUID;

/** One upload the service planned, and after completion the object it verified in the store. */
public record Media(
        UUID id,
        String objectKey,
        String filename,
        String contentType,
        long declaredSize,
        String sha256,
        Visibility visibility,
        UploadMethod uploadMethod,
        String multipartUploadId,
        Long partSize,
        MediaStatus status,
        String etag,
        Instant createdAt,
        Instant expiresAt,
        Instant completedAt) {}
