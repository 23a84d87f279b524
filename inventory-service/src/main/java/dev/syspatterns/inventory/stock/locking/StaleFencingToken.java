package dev.syspatterns.inventory.stock.locking;

import dev.syspatterns.web.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A write carried a fencing token older than one that already wrote the row: this holder's lease expired while
 * it stalled and a newer holder has written. The write is refused and nothing was sold.
 */
class StaleFencingToken extends ProblemException {

    StaleFencingToken(long productId, long token) {
        super(
                HttpStatus.CONFLICT,
                "Lock lease lost",
                "The lock on product " + productId + " expired before the write (token " + token
                        + "); a newer holder has written. Nothing was sold; retry with the same Idempotency-Key.",
                Map.of("productId", productId, "fencingToken", token));
    }
}
