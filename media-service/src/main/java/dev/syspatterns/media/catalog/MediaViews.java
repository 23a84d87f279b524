package dev.syspatterns.media.catalog;

import dev.syspatterns.media.MediaProperties;
import dev.syspatterns.media.storage.ObjectStore;
import dev.syspatterns.media.storage.PresignedUrl;
import org.springframework.stereotype.Component;

/** Renders media with its download link: the edge for public objects, a presigned GET for private ones. */
@Component
public class MediaViews {

    private final ObjectStore store;
    private final MediaProperties properties;

    MediaViews(ObjectStore store, MediaProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    public MediaView of(Media media) {
        return new MediaView(
                media.id(),
                media.filename(),
                media.contentType(),
                media.declaredSize(),
                media.sha256(),
                media.visibility(),
                media.status(),
                store.bucket(),
                media.objectKey(),
                media.createdAt(),
                media.completedAt(),
                media.status() == MediaStatus.READY ? download(media) : null);
    }

    private MediaView.Download download(Media media) {
        if (media.visibility() == Visibility.PUBLIC) {
            return new MediaView.Download(store.pathOn(properties.cdnBaseUrl(), media.objectKey()), "cdn", null);
        }
        PresignedUrl get = store.presignGet(media.objectKey(), properties.downloadUrlExpiry());
        return new MediaView.Download(get.url(), "presigned-get", get.expiresAt());
    }
}
