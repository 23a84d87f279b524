package dev.syspatterns.geo.pings;

import dev.syspatterns.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** Kafka did not acknowledge the pings in time: the client should retry (a retry is stored once). */
class PingsNotAccepted extends ProblemException {

    PingsNotAccepted(int count, Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Pings not accepted",
                count + " ping(s) were not acknowledged by Kafka ("
                        + cause.getClass().getSimpleName() + "); retry, a repeated ping is stored once");
        initCause(cause);
    }
}
