package dev.syspatterns.inventory.stock.locking;

import dev.syspatterns.inventory.stock.Purchase;
import dev.syspatterns.inventory.stock.PurchaseCommand;
import dev.syspatterns.inventory.stock.PurchaseStrategy;
import dev.syspatterns.inventory.stock.StockLedger;
import dev.syspatterns.inventory.stock.StockRow;
import dev.syspatterns.inventory.stock.StockRows;
import dev.syspatterns.inventory.stock.Strategy;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A distributed lock around the read-check-write, as one would use when the protected resource is not a single
 * database row (or spans several stores). The lock alone is not enough: a holder paused past its lease keeps
 * going, so the write is fenced: {@code UPDATE ... WHERE fence_token <= :token} refuses a token older than the
 * newest one that wrote the row. Costs a Redis round trip or several per purchase, and waiting buyers poll.
 */
@Component
class FencedRedisLockPurchase implements PurchaseStrategy {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final StockLedger ledger;
    private final RedisFencedLocks locks;
    private final StockRows rows;

    FencedRedisLockPurchase(
            JdbcClient jdbc, TransactionTemplate tx, StockLedger ledger, RedisFencedLocks locks, StockRows rows) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ledger = ledger;
        this.locks = locks;
        this.rows = rows;
    }

    @Override
    public Strategy strategy() {
        return Strategy.DISTRIBUTED_LOCK;
    }

    @Override
    public Purchase purchase(PurchaseCommand command) {
        // sold out needs no lock: the row only ever says so once nothing is left, and 409 is final anyway
        rows.read(command.productId()).require(command.quantity());
        try (FencedLock lock = acquire(command.productId()).keepAlive()) {
            return sellUnder(lock, command);
        }
    }

    private FencedLock acquire(long productId) {
        try {
            return locks.acquire(lockName(productId));
        } catch (DataAccessException e) {
            throw new LockServiceUnavailable(e);
        }
    }

    static String lockName(long productId) {
        return "product:" + productId;
    }

    /** The read-check-write a lock holder does; refused with {@link StaleFencingToken} when fenced off. */
    Purchase sellUnder(FencedLock lock, PurchaseCommand command) {
        return tx.execute(status -> {
            StockRow seen = rows.read(command.productId());
            seen.require(command.quantity());
            StockRow after = jdbc.sql("update product set stock = ?, version = version + 1, fence_token = ?,"
                            + " updated_at = now() where id = ? and fence_token <= ? returning " + StockRow.COLUMNS)
                    .params(seen.stock() - command.quantity(), lock.token(), command.productId(), lock.token())
                    .query(StockRow::from)
                    .optional()
                    .orElseThrow(() -> new StaleFencingToken(command.productId(), lock.token()));
            return ledger.sold(command, after);
        });
    }

    /** Redis, which hands out the locks, cannot be reached. */
    static class LockServiceUnavailable extends dev.syspatterns.web.problem.ProblemException {

        LockServiceUnavailable(DataAccessException cause) {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Lock service unavailable",
                    "Redis, which grants the purchase locks, cannot be reached; nothing was sold. Retry later or"
                            + " use another strategy.");
            initCause(cause);
        }
    }
}
