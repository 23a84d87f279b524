package dev.syspatterns.media.upload;

import dev.syspatterns.media.MediaProperties;
import dev.syspatterns.media.catalog.Media;
import dev.syspatterns.media.storage.CompletedPart;
import dev.syspatterns.media.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Technique 3, multipart: the object is sent as parts, each with its own presigned PUT, in parallel or one
 * after another, and a broken part is retried alone. Nothing is visible until completion stitches the
 * parts together; an upload left unfinished holds storage until it is aborted (see StaleUploadSweeper).
 */
@Component
class MultipartUpload {

    /** S3 numbers parts 1..10000. */
    static final int MAX_PARTS = 10_000;

    private final ObjectStore store;
    private final MediaProperties properties;

    MultipartUpload(ObjectStore store, MediaProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The configured part size, grown when needed so that the upload fits in S3's 10000 parts. */
    long partSizeFor(long size) {
        long configured = properties.partSize().toBytes();
        long smallestThatFits = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(configured, smallestThatFits);
    }

    String start(String key, String contentType) {
        return store.createMultipartUpload(key, contentType);
    }

    UploadPlan.Multipart plan(Media media) {
        long partSize = media.partSize();
        long size = media.declaredSize();
        int count = (int) ((size + partSize - 1) / partSize);
        List<UploadPlan.Part> parts = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            long length = Math.min(partSize, size - (n - 1) * partSize);
            parts.add(new UploadPlan.Part(
                    n,
                    length,
                    store.presignPart(
                                    media.objectKey(),
                                    media.multipartUploadId(),
                                    n,
                                    length,
                                    properties.uploadUrlExpiry())
                            .url()));
        }
        return new UploadPlan.Multipart(partSize, parts);
    }

    void complete(Media media, List<CompleteRequest.Part> parts) {
        store.completeMultipartUpload(
                media.objectKey(),
                media.multipartUploadId(),
                parts.stream()
                        .sorted(java.util.Comparator.comparingInt(CompleteRequest.Part::partNumber))
                        .map(p -> new CompletedPart(p.partNumber(), p.etag()))
                        .toList());
    }

    void abort(Media media) {
        store.abortMultipartUpload(media.objectKey(), media.multipartUploadId());
    }
}
