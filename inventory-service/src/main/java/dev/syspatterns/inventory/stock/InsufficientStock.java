package dev.syspatterns.inventory.stock;

import dev.syspatterns.web.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Fewer units are available than were asked for; nothing was sold or reserved. */
public class InsufficientStock extends ProblemException {

    public InsufficientStock(long productId, int requested, int available) {
        super(
                HttpStatus.CONFLICT,
                "Insufficient stock",
                "Product " + productId + " has " + available + " in stock, " + requested + " requested.",
                Map.of("productId", productId, "requested", requested, "available", available));
    }
}
