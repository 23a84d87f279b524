package dev.syspatterns.workflow.shipping;

/** The carrier will not ship to this address: retrying will not help. */
public class ShipmentRejected extends RuntimeException {

    public ShipmentRejected(String detail) {
        super(detail);
    }
}
