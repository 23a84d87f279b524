package dev.syspatterns.media.catalog;

/** PENDING until the client completes the upload; READY once the object was verified in the store. */
public enum MediaStatus {
    PENDING,
    READY,
    EXPIRED,
    ABORTED
}
