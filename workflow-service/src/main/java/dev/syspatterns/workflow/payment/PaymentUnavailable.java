package dev.syspatterns.workflow.payment;

/** The payment provider failed transiently: the same charge may succeed when retried. */
public class PaymentUnavailable extends RuntimeException {

    public PaymentUnavailable(String detail) {
        super(detail);
    }
}
