package dev.syspatterns.media.storage;

/** One uploaded part of a multipart upload, as the store acknowledged it (its ETag). */
public record CompletedPart(int partNumber, String etag) {}
