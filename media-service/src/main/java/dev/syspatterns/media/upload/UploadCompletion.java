package dev.syspatterns.media.upload;

import dev.syspatterns.events.MediaUploaded;
import dev.syspatterns.events.Topics;
import dev.syspatterns.media.catalog.Media;
import dev.syspatterns.media.catalog.MediaNotFound;
import dev.syspatterns.media.catalog.MediaRepository;
import dev.syspatterns.media.catalog.MediaStatus;
import dev.syspatterns.media.catalog.UploadMethod;
import dev.syspatterns.media.catalog.Visibility;
import dev.syspatterns.media.outbox.Outbox;
import dev.syspatterns.media.storage.ObjectStore;
import dev.syspatterns.media.storage.StoreRejected;
import dev.syspatterns.media.storage.StoredObject;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only moment the service trusts an upload: it asks the store (HEAD) whether the object is really
 * there with the declared size and type, and only then marks it READY and records the event that starts
 * processing, both in one transaction (the outbox). The client's word that it uploaded counts for nothing.
 */
@Service
class UploadCompletion {

    private final MediaRepository media;
    private final ObjectStore store;
    private final MultipartUpload multipart;
    private final Outbox outbox;
    private final MeterRegistry meters;

    UploadCompletion(
            MediaRepository media, ObjectStore store, MultipartUpload multipart, Outbox outbox, MeterRegistry meters) {
        this.media = media;
        this.store = store;
        this.multipart = multipart;
        this.outbox = outbox;
        this.meters = meters;
    }

    @Transactional
    Media complete(UUID id, CompleteRequest request) {
        Media upload = media.lock(id).orElseThrow(() -> new MediaNotFound(id));
        if (upload.status() == MediaStatus.READY) {
            return upload; // completing twice is harmless: the first one already verified and announced it
        }
        if (upload.status() != MediaStatus.PENDING) {
            throw UploadConflict.notPending(id, upload.status());
        }
        if (upload.uploadMethod() == UploadMethod.MULTIPART) {
            assemble(upload, request);
        }
        StoredObject stored =
                store.head(upload.objectKey()).orElseThrow(() -> UploadConflict.objectMissing(id, upload.objectKey()));
        if (stored.size() != upload.declaredSize()) {
            throw UploadConflict.objectMismatch(id, "size", upload.declaredSize(), stored.size());
        }
        if (!sameType(stored.contentType(), upload.contentType())) {
            throw UploadConflict.objectMismatch(id, "content type", upload.contentType(), stored.contentType());
        }
        if (upload.visibility() == Visibility.PUBLIC) {
            store.makePublic(upload.objectKey());
        }
        Instant now = Instant.now();
        media.markReady(id, stored.etag(), now);
        outbox.append(
                Topics.MEDIA_UPLOADED,
                id.toString(),
                MediaUploaded.of(
                        id.toString(), store.bucket(), upload.objectKey(), upload.contentType(), stored.size()));
        meters.counter(
                        "media.uploads.completed",
                        "method",
                        upload.uploadMethod().name())
                .increment();
        meters.summary("media.uploads.bytes", "method", upload.uploadMethod().name())
                .record(stored.size());
        return media.find(id).orElseThrow();
    }

    private void assemble(Media upload, CompleteRequest request) {
        if (request.parts().isEmpty()) {
            throw UploadRejected.partsMissing();
        }
        try {
            multipart.complete(upload, request.parts());
        } catch (StoreRejected e) {
            // NoSuchUpload after an earlier completion that assembled the object but did not commit: the
            // HEAD below decides. Anything else means the parts the client listed are not the ones it sent.
            if (!"NoSuchUpload".equals(e.code())) {
                throw UploadConflict.partsRejected(upload.id(), e.code());
            }
        }
    }

    private static boolean sameType(String stored, String declared) {
        if (stored == null) {
            return false;
        }
        String bare = stored.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return bare.equals(declared);
    }
}
