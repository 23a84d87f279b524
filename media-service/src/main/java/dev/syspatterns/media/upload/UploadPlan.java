package dev.syspatterns.media.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.syspatterns.media.catalog.MediaStatus;
import dev.syspatterns.media.catalog.UploadMethod;
import dev.syspatterns.media.storage.PostForm;
import dev.syspatterns.media.storage.PresignedUrl;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How the client sends the bytes, straight to the store: exactly one of {@code put}, {@code post} and
 * {@code multipart} is present, as {@code method} says. Then it calls {@code completeUrl} on the service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UploadPlan(
        UUID mediaId,
        MediaStatus status,
        UploadMethod method,
        String key,
        Instant expiresAt,
        PresignedUrl put,
        PostForm post,
        Multipart multipart,
        URI completeUrl,
        URI abortUrl) {

    /** Send part n's bytes (exactly {@code size} of them) to its URL, keep each response's ETag. */
    record Multipart(long partSize, List<Part> parts) {}

    record Part(int partNumber, long size, URI url) {}
}
