package dev.syspatterns.workflow.shipping;

import io.temporal.activity.ActivityInterface;

/** The saga's shipping step and its undo, both idempotent by the shipment id the workflow chose. */
@ActivityInterface
public interface ShippingActivities {

    String REJECTED = "ShipmentRejected";

    /** Returns the shipment reference. */
    String createShipment(String shipmentId, String orderId, String address);

    void cancelShipment(String shipmentId);
}
