package dev.syspatterns.inventory.reservation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/inventory/reservations}; {@code reservationId} is chosen by the caller. */
record ReserveStock(
        @NotBlank @Size(max = 100) String reservationId,
        @NotNull Long productId,
        @NotNull @Min(1) @Max(10_000) Integer quantity) {}
