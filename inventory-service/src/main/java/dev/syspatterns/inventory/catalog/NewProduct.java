package dev.syspatterns.inventory.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/inventory/products}. */
record NewProduct(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 10_000) String description,
        @NotNull @PositiveOrZero @Max(1_000_000_000_000L) Long priceCents,
        @NotNull @PositiveOrZero @Max(1_000_000_000) Integer stock) {}
