package dev.syspatterns.workflow.inventory;

/** inventory-service does not know the product (404): retrying will not help. */
public class UnknownProduct extends RuntimeException {

    public UnknownProduct(String productId) {
        super("Product " + productId + " does not exist in inventory");
    }
}
