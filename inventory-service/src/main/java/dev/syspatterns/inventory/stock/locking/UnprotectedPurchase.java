package dev.syspatterns.inventory.stock.locking;

import dev.syspatterns.inventory.stock.Purchase;
import dev.syspatterns.inventory.stock.PurchaseCommand;
import dev.syspatterns.inventory.stock.PurchaseStrategy;
import dev.syspatterns.inventory.stock.StockLedger;
import dev.syspatterns.inventory.stock.StockRow;
import dev.syspatterns.inventory.stock.StockRows;
import dev.syspatterns.inventory.stock.Strategy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deliberately wrong, to show what the other strategies prevent: read the stock, compute the new value in the
 * application, write it back. Two buyers that read the same stock both write {@code stock - 1}; one sale is
 * lost from the count (the lost update), so more units are sold than existed. READ COMMITTED does not stop
 * it: the second UPDATE waits for the first, then overwrites it with its stale arithmetic.
 */
@Component
class UnprotectedPurchase implements PurchaseStrategy {

    private final JdbcClient jdbc;
    private final StockLedger ledger;
    private final StockRows rows;

    UnprotectedPurchase(JdbcClient jdbc, StockRows rows, StockLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.rows = rows;
    }

    @Override
    public Strategy strategy() {
        return Strategy.NONE;
    }

    @Override
    @Transactional
    public Purchase purchase(PurchaseCommand command) {
        StockRow seen = rows.read(command.productId());
        seen.require(command.quantity());
        StockRow after = jdbc.sql("update product set stock = ?, version = version + 1, updated_at = now()"
                        + " where id = ? returning " + StockRow.COLUMNS)
                .params(seen.stock() - command.quantity(), command.productId())
                .query(StockRow::from)
                .single();
        return ledger.sold(command, after);
    }
}
