package dev.syspatterns.media.upload;

import dev.syspatterns.media.catalog.Media;
import dev.syspatterns.media.storage.ObjectStore;
import dev.syspatterns.media.storage.PostForm;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Technique 2, a signed POST policy: what an HTML {@code <form>} can send with no JavaScript signing.
 * The policy pins the bucket, the key, the content type and a content-length range; the store
 * enforces them. Less exact than a PUT signature (a range, not a length), so completion checks the size.
 */
@Component
class PresignedPostUpload {

    private final ObjectStore store;

    PresignedPostUpload(ObjectStore store) {
        this.store = store;
    }

    PostForm plan(Media media, Instant expiresAt) {
        return store.presignPost(media.objectKey(), media.contentType(), media.declaredSize(), expiresAt);
    }
}
