package dev.syspatterns.inventory.stock;

import dev.syspatterns.inventory.replica.WritePositions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Buying stock with a chosen contention strategy; the Idempotency-Key makes a retry safe. */
@RestController
class PurchaseController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final Purchases purchases;
    private final WritePositions positions;

    PurchaseController(Purchases purchases, WritePositions positions) {
        this.purchases = purchases;
        this.positions = positions;
    }

    @PostMapping("/api/inventory/products/{id}/purchases")
    ResponseEntity<Purchase> purchase(
            @PathVariable long id,
            @RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 200) String idempotencyKey,
            @Valid @RequestBody PurchaseRequest request,
            HttpServletResponse response) {
        Purchases.Outcome outcome = purchases.purchase(id, request, idempotencyKey);
        positions.stamp(response);
        return ResponseEntity.created(URI.create("/api/inventory/products/" + id + "/purchases/"
                        + outcome.purchase().purchaseId()))
                .header(REPLAYED, Boolean.toString(outcome.replayed()))
                .body(outcome.purchase());
    }
}
