package dev.syspatterns.inventory.stock;

/**
 * One way of selling stock safely (or, for {@link Strategy#NONE}, unsafely). Implementations live side by side
 * in {@code stock.locking}; each decides how the row is read and written and finishes through
 * {@link StockLedger#sold} in the same transaction as its write.
 */
public interface PurchaseStrategy {

    Strategy strategy();

    /**
     * Sells {@code quantity} units or throws {@link InsufficientStock} (nothing sold), {@code ProductNotFound},
     * or a strategy-specific failure that says the client may retry.
     */
    Purchase purchase(PurchaseCommand command);
}
