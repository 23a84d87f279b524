package dev.syspatterns.workflow.inventory;

import io.temporal.activity.ActivityInterface;

/** The saga's stock step and its undo, both idempotent by the reservation id the workflow chose. */
@ActivityInterface
public interface StockActivities {

    /** Failure type of a reservation that cannot succeed however often it is retried. */
    String OUT_OF_STOCK = "OutOfStock";

    String UNKNOWN_PRODUCT = "UnknownProduct";

    void reserveStock(String reservationId, String productId, int quantity);

    void releaseStock(String reservationId);
}
