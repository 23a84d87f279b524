package dev.syspatterns.media.upload;

import dev.syspatterns.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** The upload asked for cannot be planned: a content type or size the service does not take. */
class UploadRejected extends ProblemException {

    private UploadRejected(HttpStatus status, String title, String detail) {
        super(status, title, detail);
    }

    static UploadRejected contentType(String contentType, Iterable<String> allowed) {
        return new UploadRejected(
                HttpStatus.BAD_REQUEST,
                "Content type not allowed",
                "contentType '" + contentType + "' is not accepted; allowed: " + String.join(", ", allowed));
    }

    static UploadRejected tooLarge(long size, long max) {
        return new UploadRejected(
                HttpStatus.CONTENT_TOO_LARGE,
                "Upload too large",
                "size " + size + " bytes is over the limit of " + max + " bytes");
    }

    static UploadRejected methodCannotCarry(String method, long size, long max) {
        return new UploadRejected(
                HttpStatus.BAD_REQUEST,
                "Upload method cannot carry this size",
                method + " uploads take at most " + max + " bytes, " + size + " were declared; use MULTIPART");
    }

    static UploadRejected partsMissing() {
        return new UploadRejected(
                HttpStatus.BAD_REQUEST,
                "Parts missing",
                "a multipart upload is completed with the partNumber and ETag of every part");
    }
}
