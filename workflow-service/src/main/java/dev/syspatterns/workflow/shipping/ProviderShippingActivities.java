package dev.syspatterns.workflow.shipping;

import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** Books through the configured {@link ShippingProvider}; a rejected address is final. */
@Component
@ActivityImpl(taskQueues = "${platform.workflow.task-queue:order-saga}")
public class ProviderShippingActivities implements ShippingActivities {

    private final ShippingProvider provider;

    public ProviderShippingActivities(ShippingProvider provider) {
        this.provider = provider;
    }

    @Override
    public String createShipment(String shipmentId, String orderId, String address) {
        try {
            return provider.createShipment(shipmentId, orderId, address);
        } catch (ShipmentRejected e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REJECTED);
        }
    }

    @Override
    public void cancelShipment(String shipmentId) {
        provider.cancel(shipmentId);
    }
}
