package dev.syspatterns.inventory.stock.locking;

import dev.syspatterns.inventory.InventoryProperties;
import dev.syspatterns.inventory.stock.Purchase;
import dev.syspatterns.inventory.stock.PurchaseCommand;
import dev.syspatterns.inventory.stock.PurchaseStrategy;
import dev.syspatterns.inventory.stock.StockLedger;
import dev.syspatterns.inventory.stock.StockRow;
import dev.syspatterns.inventory.stock.StockRows;
import dev.syspatterns.inventory.stock.Strategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Optimistic concurrency: read the row without locking, then write only if its version is still the one read
 * ({@code UPDATE ... WHERE version = ?}). Zero rows updated means someone else won; read again and retry after
 * a full-jitter exponential backoff, so losers do not collide again in lockstep. No connection is held while
 * waiting, which suits low contention; under heavy contention most attempts are wasted, and after
 * {@code max-attempts} the buyer gets a 503 that says to retry.
 */
@Component
class OptimisticRetryPurchase implements PurchaseStrategy {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final StockLedger ledger;
    private final StockRows rows;
    private final InventoryProperties.Optimistic properties;
    private final Counter conflicts;

    OptimisticRetryPurchase(
            JdbcClient jdbc,
            StockRows rows,
            TransactionTemplate tx,
            StockLedger ledger,
            InventoryProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ledger = ledger;
        this.rows = rows;
        this.properties = properties.optimistic();
        this.conflicts = meters.counter("inventory.optimistic.conflicts");
    }

    @Override
    public Strategy strategy() {
        return Strategy.OPTIMISTIC;
    }

    @Override
    public Purchase purchase(PurchaseCommand command) {
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            StockRow seen = rows.read(command.productId());
            seen.require(command.quantity());
            Purchase sold = tx.execute(
                    status -> jdbc.sql("update product set stock = ?, version = version + 1, updated_at = now()"
                                    + " where id = ? and version = ? returning " + StockRow.COLUMNS)
                            .params(seen.stock() - command.quantity(), command.productId(), seen.version())
                            .query(StockRow::from)
                            .optional()
                            .map(after -> ledger.sold(command, after))
                            .orElse(null));
            if (sold != null) {
                return sold;
            }
            conflicts.increment();
            backOff(attempt);
        }
        throw new OptimisticRetriesExhausted(command.productId(), properties.maxAttempts());
    }

    private void backOff(int attempt) {
        long cap = Math.min(
                properties.backoffCap().toMillis(), properties.backoffBase().toMillis() << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
