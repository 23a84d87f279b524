package dev.syspatterns.media.upload;

import dev.syspatterns.media.MediaProperties;
import dev.syspatterns.media.catalog.Media;
import dev.syspatterns.media.catalog.MediaRepository;
import dev.syspatterns.media.catalog.MediaStatus;
import dev.syspatterns.media.catalog.UploadMethod;
import dev.syspatterns.media.catalog.Visibility;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Turns an upload request into a plan: checks type and size, chooses the key, records the upload as
 * PENDING and signs what the chosen technique needs. The key is {@code <visibility>/<mediaId>/<sha256 or
 * "blob">}: never derived from the filename, so no client can name, overwrite or escape into another key.
 */
@Service
class UploadPlanner {

    private final MediaProperties properties;
    private final MediaRepository media;
    private final PresignedPutUpload put;
    private final PresignedPostUpload post;
    private final MultipartUpload multipart;

    UploadPlanner(
            MediaProperties properties,
            MediaRepository media,
            PresignedPutUpload put,
            PresignedPostUpload post,
            MultipartUpload multipart) {
        this.properties = properties;
        this.media = media;
        this.put = put;
        this.post = post;
        this.multipart = multipart;
    }

    UploadPlan plan(UploadRequest request) {
        String contentType = request.contentType().trim().toLowerCase(Locale.ROOT);
        if (!properties.allowedContentTypes().contains(contentType)) {
            throw UploadRejected.contentType(request.contentType(), properties.allowedContentTypes());
        }
        long size = request.size();
        if (size > properties.maxSize().toBytes()) {
            throw UploadRejected.tooLarge(size, properties.maxSize().toBytes());
        }
        UploadMethod method = chooseMethod(request.method(), size);

        UUID id = UUID.randomUUID();
        Visibility visibility = request.visibility() == null ? Visibility.PRIVATE : request.visibility();
        String sha256 = request.sha256() == null ? null : request.sha256().toLowerCase(Locale.ROOT);
        String key = visibility.keyPrefix() + "/" + id + "/" + (sha256 == null ? "blob" : sha256);
        Instant now = Instant.now();
        Instant expiresAt = now.plus(properties.pendingExpiry());

        String uploadId = null;
        Long partSize = null;
        if (method == UploadMethod.MULTIPART) {
            partSize = multipart.partSizeFor(size);
            uploadId = multipart.start(key, contentType);
        }
        Media planned = new Media(
                id,
                key,
                request.filename(),
                contentType,
                size,
                sha256,
                visibility,
                method,
                uploadId,
                partSize,
                MediaStatus.PENDING,
                null,
                now,
                expiresAt,
                null);
        media.insert(planned);

        // Exactly one technique's instructions go into the plan; the others stay null (and out of the JSON).
        Instant urlsExpireAt = now.plus(properties.uploadUrlExpiry());
        return new UploadPlan(
                id,
                planned.status(),
                method,
                key,
                expiresAt,
                method == UploadMethod.PUT ? put.plan(planned) : null,
                method == UploadMethod.POST ? post.plan(planned, urlsExpireAt) : null,
                method == UploadMethod.MULTIPART ? multipart.plan(planned) : null,
                URI.create("/api/media/uploads/" + id + "/complete"),
                URI.create("/api/media/uploads/" + id));
    }

    private UploadMethod chooseMethod(UploadMethod requested, long size) {
        long threshold = properties.multipartThreshold().toBytes();
        if (requested == null) {
            return size > threshold ? UploadMethod.MULTIPART : UploadMethod.PUT;
        }
        if (requested == UploadMethod.PUT && size > PresignedPutUpload.MAX_SINGLE_PUT) {
            throw UploadRejected.methodCannotCarry("PUT", size, PresignedPutUpload.MAX_SINGLE_PUT);
        }
        // A browser form is one request with no resume: above the multipart threshold it is the wrong tool.
        if (requested == UploadMethod.POST && size > threshold) {
            throw UploadRejected.methodCannotCarry("POST", size, threshold);
        }
        return requested;
    }
}
