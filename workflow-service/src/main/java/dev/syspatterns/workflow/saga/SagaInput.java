package dev.syspatterns.workflow.saga;

import java.util.List;

/** What a saga needs to place one order; {@code amountCents} was priced from inventory before the start. */
public record SagaInput(
        String orderId,
        String customerId,
        List<OrderLine> lines,
        String paymentToken,
        String shippingAddress,
        long amountCents,
        SagaPolicy policy) {

    /** One product and how many of it. */
    public record OrderLine(String productId, int quantity) {}
}
