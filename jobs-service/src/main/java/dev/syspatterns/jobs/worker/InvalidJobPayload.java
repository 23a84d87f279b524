package dev.syspatterns.jobs.worker;

import dev.syspatterns.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** A payload that the job type's handler cannot run; the submission is refused and nothing is enqueued. */
public class InvalidJobPayload extends ProblemException {

    public InvalidJobPayload(String type, String detail) {
        super(HttpStatus.BAD_REQUEST, "Invalid job payload", "payload for job type '" + type + "': " + detail);
    }
}
