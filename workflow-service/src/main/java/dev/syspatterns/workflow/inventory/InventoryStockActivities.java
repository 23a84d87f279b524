package dev.syspatterns.workflow.inventory;

import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/**
 * Reserves and releases stock in inventory-service. Business refusals become non-retryable failures, so
 * Temporal gives up at once and the saga compensates; an unavailable inventory is a plain exception,
 * which Temporal retries with backoff.
 */
@Component
@ActivityImpl(taskQueues = "${platform.workflow.task-queue:order-saga}")
public class InventoryStockActivities implements StockActivities {

    private final InventoryClient inventory;

    public InventoryStockActivities(InventoryClient inventory) {
        this.inventory = inventory;
    }

    @Override
    public void reserveStock(String reservationId, String productId, int quantity) {
        try {
            inventory.reserve(reservationId, productId, quantity);
        } catch (InsufficientStock e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), OUT_OF_STOCK);
        } catch (UnknownProduct e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), UNKNOWN_PRODUCT);
        }
    }

    @Override
    public void releaseStock(String reservationId) {
        inventory.release(reservationId);
    }
}
