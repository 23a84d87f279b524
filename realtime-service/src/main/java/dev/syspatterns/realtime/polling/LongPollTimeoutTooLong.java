package dev.syspatterns.realtime.polling;

import dev.syspatterns.web.problem.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A long poll that asks to wait longer than {@code platform.realtime.long-poll.max-timeout}. */
class LongPollTimeoutTooLong extends ProblemException {

    LongPollTimeoutTooLong(int asked, Duration max) {
        super(
                HttpStatus.BAD_REQUEST,
                "Timeout too long",
                "timeoutSeconds is " + asked + "; the longest wait allowed is " + max.toSeconds() + " seconds.");
    }
}
