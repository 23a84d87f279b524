package dev.syspatterns.realtime.sse;

import dev.syspatterns.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** A {@code Last-Event-ID} that is not an offset this service could have sent. */
class InvalidLastEventId extends ProblemException {

    InvalidLastEventId(String value) {
        super(
                HttpStatus.BAD_REQUEST,
                "Invalid Last-Event-ID",
                "Last-Event-ID must be a message offset (a whole number >= 0), was '" + value + "'.");
    }
}
