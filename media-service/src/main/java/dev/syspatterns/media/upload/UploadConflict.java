package dev.syspatterns.media.upload;

import dev.syspatterns.media.catalog.MediaStatus;
import dev.syspatterns.web.problem.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Completion or abort does not fit what the store or the record says now (409). */
class UploadConflict extends ProblemException {

    private UploadConflict(String title, String detail) {
        super(HttpStatus.CONFLICT, title, detail);
    }

    static UploadConflict notPending(UUID id, MediaStatus status) {
        return new UploadConflict("Upload not pending", "upload " + id + " is " + status + ", not PENDING");
    }

    static UploadConflict objectMissing(UUID id, String key) {
        return new UploadConflict(
                "Object not uploaded",
                "upload " + id + " has no object at '" + key + "' yet: upload it, then complete");
    }

    static UploadConflict objectMismatch(UUID id, String what, Object declared, Object found) {
        return new UploadConflict(
                "Object does not match the upload",
                "upload " + id + " declared " + what + " " + declared + " but the store holds " + found);
    }

    static UploadConflict partsRejected(UUID id, String code) {
        return new UploadConflict(
                "Parts do not match",
                "the store refused to assemble upload " + id + " from these parts (" + code + ")");
    }
}
