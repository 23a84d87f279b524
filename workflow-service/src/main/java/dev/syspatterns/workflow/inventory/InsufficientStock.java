package dev.syspatterns.workflow.inventory;

/** inventory-service has fewer items than asked for (409): retrying will not help. */
public class InsufficientStock extends RuntimeException {

    public InsufficientStock(String productId, int quantity, String detail) {
        super("Not enough stock of product " + productId + " for " + quantity
                + (detail.isEmpty() ? "" : ": " + detail));
    }
}
