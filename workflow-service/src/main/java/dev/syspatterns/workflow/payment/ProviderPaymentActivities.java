package dev.syspatterns.workflow.payment;

import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** Charges through the configured {@link PaymentProvider}; a declined card is final, a hiccup is retried. */
@Component
@ActivityImpl(taskQueues = "${platform.workflow.task-queue:order-saga}")
public class ProviderPaymentActivities implements PaymentActivities {

    private final PaymentProvider provider;

    public ProviderPaymentActivities(PaymentProvider provider) {
        this.provider = provider;
    }

    @Override
    public String chargePayment(String chargeId, String orderId, long amountCents, String paymentToken) {
        try {
            return provider.charge(chargeId, orderId, amountCents, paymentToken);
        } catch (PaymentDeclined e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), DECLINED);
        }
    }

    @Override
    public void refundPayment(String chargeId) {
        provider.refund(chargeId);
    }
}
