package dev.syspatterns.media;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything media-service decides about uploads and delivery. The object store's connection lives under
 * {@code platform.s3} (see {@code storage.S3Properties}), because every service and test-support share
 * those key names.
 *
 * @param bucket where the objects go; created at startup when missing
 * @param cdnBaseUrl the edge in front of the store that public objects are served from (nginx locally,
 *     CloudFront or any CDN in production: only this URL changes)
 * @param uploadUrlExpiry how long a presigned upload URL (PUT, POST policy, part) stays valid
 * @param downloadUrlExpiry how long a presigned GET for a private object stays valid
 * @param pendingExpiry an upload that is not completed within this time is aborted by the sweeper
 * @param multipartThreshold uploads larger than this are planned as multipart
 * @param partSize the part size of a multipart upload (S3 needs at least 5 MiB for all parts but the last)
 * @param maxSize the largest upload accepted; more is 413
 * @param allowedContentTypes what may be uploaded; anything else is 400 (no text/html a browser would run)
 * @param maxRequestBody the largest request body the service itself accepts: file bytes never pass through it
 * @param sweepInterval how often stale uploads are looked for
 * @param outboxPollInterval how often the outbox relay looks for unpublished events
 * @param anonymousPublicReads open {@code public/} keys to anonymous GETs so an edge without origin
 *     credentials can pull them (object ACL, or a bucket policy where the store has those); turn off when the
 *     CDN signs its origin requests (CloudFront origin access control)
 * @param outboxRetention how long published outbox rows are kept (for inspection) before they are purged
 */
@Validated
@ConfigurationProperties(prefix = "platform.media")
public record MediaProperties(
        @DefaultValue("media") @NotBlank String bucket,
        @DefaultValue("http://127.0.0.1:8090") @NotNull URI cdnBaseUrl,
        @DefaultValue("15m") @NotNull Duration uploadUrlExpiry,
        @DefaultValue("5m") @NotNull Duration downloadUrlExpiry,
        @DefaultValue("1h") @NotNull Duration pendingExpiry,
        @DefaultValue("64MB") @NotNull DataSize multipartThreshold,
        @DefaultValue("16MB") @NotNull DataSize partSize,
        @DefaultValue("5GB") @NotNull DataSize maxSize,

        @DefaultValue({
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "video/mp4",
            "audio/mpeg",
            "application/pdf",
            "application/octet-stream"
        })
        @NotEmpty
        List<@NotBlank String> allowedContentTypes,

        @DefaultValue("64KB") @NotNull DataSize maxRequestBody,
        @DefaultValue("1m") @NotNull Duration sweepInterval,
        @DefaultValue("500ms") @NotNull Duration outboxPollInterval,
        @DefaultValue("7d") @NotNull Duration outboxRetention,
        @DefaultValue("true") boolean anonymousPublicReads) {

    public MediaProperties {
        allowedContentTypes = List.copyOf(allowedContentTypes);
        if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
            throw new IllegalArgumentException("platform.media.part-size must be at least 5MB (S3's minimum part)");
        }
    }
}
