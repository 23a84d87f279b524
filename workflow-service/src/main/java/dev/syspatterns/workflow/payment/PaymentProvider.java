package dev.syspatterns.workflow.payment;

/**
 * Takes money. A real provider (Stripe, Adyen, ...) can replace {@link SimulatedPaymentProvider}: it only has
 * to charge at most once per charge id and refund idempotently, which real providers offer as idempotency keys.
 */
public interface PaymentProvider {

    /**
     * Charges the amount once per {@code chargeId}; a repeated call answers with the first charge.
     *
     * @throws PaymentDeclined when the card is refused (final)
     * @throws PaymentUnavailable when the provider could not be reached (worth retrying)
     */
    String charge(String chargeId, String orderId, long amountCents, String paymentToken);

    /** Refunds the charge; refunding an unknown or already refunded charge does nothing. */
    void refund(String chargeId);
}
