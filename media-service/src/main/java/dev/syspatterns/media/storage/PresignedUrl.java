package dev.syspatterns.media.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** A URL the store accepts without credentials until {@code expiresAt}, if sent with exactly these headers. */
public record PresignedUrl(URI url, Map<String, String> headers, Instant expiresAt) {}
