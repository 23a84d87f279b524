package dev.syspatterns.inventory.stock.locking;

import dev.syspatterns.web.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Every optimistic attempt lost to a concurrent writer; nothing was sold and the client may retry. */
class OptimisticRetriesExhausted extends ProblemException {

    OptimisticRetriesExhausted(long productId, int attempts) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Too much contention",
                "Product " + productId + " changed under each of " + attempts
                        + " attempts; nothing was sold. Retry with the same Idempotency-Key.",
                Map.of("productId", productId, "attempts", attempts));
    }
}
