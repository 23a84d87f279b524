package dev.syspatterns.inventory.stock;

import dev.syspatterns.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** The Idempotency-Key already belongs to a different purchase; replaying it would hide a mistake. */
class IdempotencyKeyReused extends ProblemException {

    IdempotencyKeyReused(String key) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Idempotency-Key reused",
                "Idempotency-Key '" + key + "' was already used for a different product or quantity.");
    }
}
