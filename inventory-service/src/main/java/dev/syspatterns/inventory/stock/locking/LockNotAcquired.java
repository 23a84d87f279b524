package dev.syspatterns.inventory.stock.locking;

import dev.syspatterns.web.problem.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** The lock stayed taken for the whole wait; nothing was sold and the client may retry. */
class LockNotAcquired extends ProblemException {

    LockNotAcquired(String name, Duration waited) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Lock busy",
                "Could not acquire lock '" + name + "' within " + waited.toMillis()
                        + " ms; nothing was sold. Retry with the same Idempotency-Key.");
    }
}
