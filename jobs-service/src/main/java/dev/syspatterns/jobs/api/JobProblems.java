package dev.syspatterns.jobs.api;

import dev.syspatterns.jobs.queue.JobStatus;
import dev.syspatterns.web.problem.ProblemException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The ways a request to the job API can be refused. */
final class JobProblems {

    private JobProblems() {}

    static final class JobNotFound extends ProblemException {
        JobNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "Job not found", "no job with id " + id);
        }
    }

    static final class NoJobForKey extends ProblemException {
        NoJobForKey(String key) {
            super(HttpStatus.NOT_FOUND, "Job not found", "no job was submitted with Idempotency-Key '" + key + "'");
        }
    }

    static final class UnknownJobType extends ProblemException {
        UnknownJobType(String type, Collection<String> known) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "Unknown job type",
                    "job type '" + type + "' is not one of " + known,
                    Map.of("knownTypes", known));
        }
    }

    static final class PayloadNotAnObject extends ProblemException {
        PayloadNotAnObject() {
            super(HttpStatus.BAD_REQUEST, "Invalid job payload", "payload must be a JSON object");
        }
    }

    static final class InvalidIdempotencyKey extends ProblemException {
        InvalidIdempotencyKey() {
            super(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key", "Idempotency-Key must be 1 to 200 characters");
        }
    }

    static final class IdempotencyKeyReused extends ProblemException {
        IdempotencyKeyReused(String key, UUID existing) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key reused",
                    "Idempotency-Key '" + key + "' already names job " + existing + " with a different type or payload",
                    Map.of("jobId", existing.toString()));
        }
    }

    static final class JobStateConflict extends ProblemException {
        JobStateConflict(UUID id, JobStatus status, String action) {
            super(
                    HttpStatus.CONFLICT,
                    "Job state conflict",
                    "cannot " + action + " job " + id + ": it is " + status,
                    Map.of("status", status.name()));
        }
    }
}
