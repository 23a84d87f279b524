package dev.syspatterns.media.upload;

import dev.syspatterns.media.catalog.Media;
import dev.syspatterns.media.catalog.MediaNotFound;
import dev.syspatterns.media.catalog.MediaRepository;
import dev.syspatterns.media.catalog.MediaStatus;
import dev.syspatterns.media.catalog.UploadMethod;
import dev.syspatterns.media.storage.ObjectStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends uploads that will not be completed: on the client's request, and (via {@link StaleUploadSweeper})
 * when they expire. Aborting a multipart upload matters: until then the store keeps, and bills, every part.
 */
@Service
class UploadAbort {

    private static final int SWEEP_BATCH = 100;

    private final MediaRepository media;
    private final ObjectStore store;
    private final MultipartUpload multipart;

    UploadAbort(MediaRepository media, ObjectStore store, MultipartUpload multipart) {
        this.media = media;
        this.store = store;
        this.multipart = multipart;
    }

    @Transactional
    void abort(UUID id) {
        Media upload = media.lock(id).orElseThrow(() -> new MediaNotFound(id));
        if (upload.status() == MediaStatus.ABORTED) {
            return;
        }
        if (upload.status() != MediaStatus.PENDING) {
            throw UploadConflict.notPending(id, upload.status());
        }
        end(upload, MediaStatus.ABORTED);
    }

    /** Expires a batch of pending uploads whose time ran out; returns how many. */
    @Transactional
    int expireStale(Instant now) {
        List<Media> stale = media.lockExpiredPending(now, SWEEP_BATCH);
        stale.forEach(upload -> end(upload, MediaStatus.EXPIRED));
        return stale.size();
    }

    private void end(Media upload, MediaStatus status) {
        if (upload.uploadMethod() == UploadMethod.MULTIPART) {
            multipart.abort(upload);
        }
        // A PUT or POST may have landed without being completed: it must not linger as an orphan.
        store.delete(upload.objectKey());
        media.markEnded(upload.id(), status);
    }
}
