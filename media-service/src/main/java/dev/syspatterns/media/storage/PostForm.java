package dev.syspatterns.media.storage;

import java.net.URI;
import java.util.Map;

/** A form a browser posts to {@code url} as multipart/form-data: these fields first, the file last. */
public record PostForm(URI url, Map<String, String> fields) {}
