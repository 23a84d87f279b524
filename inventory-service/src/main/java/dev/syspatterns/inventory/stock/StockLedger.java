package dev.syspatterns.inventory.stock;

import dev.syspatterns.inventory.catalog.ProductChanges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a sale in the transaction that changed the stock: the purchase row (whose unique idempotency key
 * rolls back a duplicate sale), the outbox event and the cache eviction.
 */
@Component
public class StockLedger {

    private final JdbcClient jdbc;
    private final ProductChanges changes;

    StockLedger(JdbcClient jdbc, ProductChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** {@code after} is the row as the strategy's write left it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Purchase sold(PurchaseCommand command, StockRow after) {
        jdbc.sql("insert into purchase (id, idempotency_key, product_id, quantity, remaining_stock, strategy)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(
                        command.purchaseId(),
                        command.idempotencyKey(),
                        command.productId(),
                        command.quantity(),
                        after.stock(),
                        command.strategy().name())
                .update();
        changes.stockChanged(after.id(), after.sku(), after.stock(), after.version(), "PURCHASE");
        return new Purchase(command.purchaseId(), command.productId(), command.quantity(), after.stock());
    }
}
