package dev.syspatterns.media.catalog;

/** How the client sends the bytes to the store. */
public enum UploadMethod {
    /** One presigned PUT. */
    PUT,
    /** A signed POST policy for an HTML form. */
    POST,
    /** Parts, each with its own presigned PUT, stitched together on completion. */
    MULTIPART
}
