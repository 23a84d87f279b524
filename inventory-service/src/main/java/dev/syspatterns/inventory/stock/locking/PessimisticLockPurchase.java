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
 * Row lock: {@code SELECT ... FOR UPDATE} makes every other buyer of this product wait until this transaction
 * ends, so the read, the check and the write cannot interleave. Simple and always correct; the price is that
 * buyers of one hot product queue up, each holding a database connection while it waits.
 */
@Component
class PessimisticLockPurchase implements PurchaseStrategy {

    private final JdbcClient jdbc;
    private final StockLedger ledger;
    private final StockRows rows;

    PessimisticLockPurchase(JdbcClient jdbc, StockRows rows, StockLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.rows = rows;
    }

    @Override
    public Strategy strategy() {
        return Strategy.PESSIMISTIC;
    }

    @Override
    @Transactional
    public Purchase purchase(PurchaseCommand command) {
        StockRow row = rows.readForUpdate(command.productId());
        row.require(command.quantity());
        StockRow after = jdbc.sql("update product set stock = stock - ?, version = version + 1, updated_at = now()"
                        + " where id = ? returning " + StockRow.COLUMNS)
                .params(command.quantity(), command.productId())
                .query(StockRow::from)
                .single();
        return ledger.sold(command, after);
    }
}
