package dev.syspatterns.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/inventory/products/{id}/purchases}. */
record PurchaseRequest(
        @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
        @NotNull Strategy strategy) {

    static final int MAX_QUANTITY = 10_000;
}
