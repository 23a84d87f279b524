package dev.syspatterns.workflow.shipping;

/**
 * Books shipments. A real carrier integration can replace {@link SimulatedShippingProvider}: it only has to
 * book at most once per shipment id and cancel idempotently.
 */
public interface ShippingProvider {

    /**
     * Books a shipment once per {@code shipmentId}; a repeated call answers with the first booking.
     *
     * @throws ShipmentRejected when the carrier cannot serve the address (final)
     */
    String createShipment(String shipmentId, String orderId, String address);

    /** Cancels the shipment; cancelling an unknown or cancelled shipment does nothing. */
    void cancel(String shipmentId);
}
