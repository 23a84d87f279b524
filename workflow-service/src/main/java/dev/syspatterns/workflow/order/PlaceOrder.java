package dev.syspatterns.workflow.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/** {@code POST /api/orders}: what the customer wants, how they pay, where it goes. */
record PlaceOrder(
        @NotBlank String customerId,
        @NotEmpty List<@Valid @NotNull Item> items,
        @NotBlank String paymentToken,
        @NotBlank String shippingAddress) {

    record Item(
            @NotBlank String productId, @NotNull @Positive Integer quantity) {}
}
