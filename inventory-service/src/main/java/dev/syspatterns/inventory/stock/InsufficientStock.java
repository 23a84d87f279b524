package dev.syspatterns.inventory.stock;

import dev.syspatterns.web.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Fewer units are available than were asked for; nothing was sold or reserved. */
public class InsufficientStock extends ProblemException {

    private final long productId;
    private final int requested;
    private final int available;

    public InsufficientStock(long productId, int requested, int available) {
        this(productId, requested, available, false);
    }

    private InsufficientStock(long productId, int requested, int available, boolean replayed) {
        super(
                HttpStatus.CONFLICT,
                "Insufficient stock",
                "Product " + productId + " has " + available + " in stock, " + requested + " requested.",
                Map.of("productId", productId, "requested", requested, "available", available, "replayed", replayed));
        this.productId = productId;
        this.requested = requested;
        this.available = available;
    }

    /** The refusal an earlier request with the same Idempotency-Key got, given again. */
    static InsufficientStock replayed(long productId, int requested, int available) {
        return new InsufficientStock(productId, requested, available, true);
    }

    long productId() {
        return productId;
    }

    int requested() {
        return requested;
    }

    int available() {
        return available;
    }
}
