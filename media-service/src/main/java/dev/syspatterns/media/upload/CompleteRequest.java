package dev.syspatterns.media.upload;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** For a multipart upload, the ETag the store returned for each part; empty for PUT and POST. */
record CompleteRequest(@Valid @Size(max = 10_000) List<Part> parts) {

    CompleteRequest {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    record Part(@Positive int partNumber, @NotBlank String etag) {}
}
