package dev.syspatterns.media.upload;

import dev.syspatterns.media.catalog.UploadMethod;
import dev.syspatterns.media.catalog.Visibility;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What a client wants to upload. The filename is kept as metadata only: the object key is the server's.
 *
 * @param sha256 hex SHA-256 of the bytes; when given, the store checks it (a single PUT signs it)
 * @param visibility PRIVATE (default) or PUBLIC, served through the CDN edge
 * @param method PUT, POST (browser form) or MULTIPART; left out, the size decides between PUT and MULTIPART
 */
record UploadRequest(
        @NotBlank @Size(max = 255) String filename,
        @NotBlank @Size(max = 127) String contentType,
        @NotNull @Positive Long size,

        @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex characters (a SHA-256)")
        String sha256,

        Visibility visibility,
        UploadMethod method) {}
