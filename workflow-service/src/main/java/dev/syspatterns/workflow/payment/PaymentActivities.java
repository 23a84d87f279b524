package dev.syspatterns.workflow.payment;

import io.temporal.activity.ActivityInterface;

/** The saga's payment step and its undo, both idempotent by the charge id the workflow chose. */
@ActivityInterface
public interface PaymentActivities {

    String DECLINED = "PaymentDeclined";

    /** Returns the payment reference. */
    String chargePayment(String chargeId, String orderId, long amountCents, String paymentToken);

    void refundPayment(String chargeId);
}
