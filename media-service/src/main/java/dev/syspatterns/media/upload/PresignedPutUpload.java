package dev.syspatterns.media.upload;

import dev.syspatterns.media.MediaProperties;
import dev.syspatterns.media.catalog.Media;
import dev.syspatterns.media.storage.ObjectStore;
import dev.syspatterns.media.storage.PresignedUrl;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Technique 1, one presigned PUT: the simplest for programs and for files up to the multipart threshold.
 * The signature covers the content type, the exact length and the checksum when given, so the URL cannot
 * be reused for other bytes; one request means no resume when a large transfer breaks.
 */
@Component
class PresignedPutUpload {

    /** S3's limit for a single PUT. */
    static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

    private final ObjectStore store;
    private final MediaProperties properties;

    PresignedPutUpload(ObjectStore store, MediaProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    PresignedUrl plan(Media media) {
        Optional<String> checksum = Optional.ofNullable(media.sha256())
                .map(hex -> Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
        return store.presignPut(
                media.objectKey(), media.contentType(), media.declaredSize(), checksum, properties.uploadUrlExpiry());
    }
}
