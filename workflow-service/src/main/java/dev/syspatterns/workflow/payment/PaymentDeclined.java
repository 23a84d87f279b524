package dev.syspatterns.workflow.payment;

/** The card was refused: retrying the same charge will not help. */
public class PaymentDeclined extends RuntimeException {

    public PaymentDeclined(String detail) {
        super(detail);
    }
}
