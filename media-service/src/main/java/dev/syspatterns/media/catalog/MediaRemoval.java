package dev.syspatterns.media.catalog;

import dev.syspatterns.media.storage.ObjectStore;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes object and record together. The object goes first: if that fails the record stays and the
 * delete can be repeated; a record without its object would be a broken link.
 */
@Service
class MediaRemoval {

    private final MediaRepository media;
    private final ObjectStore store;

    MediaRemoval(MediaRepository media, ObjectStore store) {
        this.media = media;
        this.store = store;
    }

    @Transactional
    void remove(UUID id) {
        Media item = media.lock(id).orElseThrow(() -> new MediaNotFound(id));
        if (item.status() == MediaStatus.PENDING && item.multipartUploadId() != null) {
            store.abortMultipartUpload(item.objectKey(), item.multipartUploadId());
        }
        store.delete(item.objectKey());
        media.delete(id);
    }
}
