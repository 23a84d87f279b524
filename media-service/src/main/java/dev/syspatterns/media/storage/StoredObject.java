package dev.syspatterns.media.storage;

/** What a HEAD found in the store: the facts completion checks against what the client declared. */
public record StoredObject(long size, String contentType, String etag) {}
