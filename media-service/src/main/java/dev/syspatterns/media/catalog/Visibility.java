package dev.syspatterns.media.catalog;

/** PUBLIC objects are served through the CDN edge; PRIVATE ones only through short presigned GETs. */
public enum Visibility {
    PUBLIC,
    PRIVATE;

    /** The first segment of every key, so the edge can serve {@code public/} and nothing else. */
    public String keyPrefix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
