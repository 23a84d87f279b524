package dev.syspatterns.inventory.reservation;

import dev.syspatterns.inventory.catalog.ProductChanges;
import dev.syspatterns.inventory.catalog.ProductNotFound;
import dev.syspatterns.inventory.stock.InsufficientStock;
import dev.syspatterns.inventory.stock.StockRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserve and release for the order saga, both idempotent by the caller's reservation id, because a saga
 * retries its steps and compensations. The stock changes with one conditional statement
 * ({@code stock = stock - q WHERE stock >= q}), atomic without a separate read.
 */
@Service
class Reservations {

    /** The reservation and whether this call created it (false: an earlier call with the same id did). */
    record Outcome(Reservation reservation, boolean created) {}

    private final JdbcClient jdbc;
    private final ProductChanges changes;

    Reservations(JdbcClient jdbc, ProductChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @Transactional
    Outcome reserve(ReserveStock request) {
        boolean productExists = jdbc.sql("select exists (select 1 from product where id = ?)")
                .param(request.productId())
                .query(Boolean.class)
                .single();
        if (!productExists) {
            throw new ProductNotFound(request.productId());
        }
        // a concurrent insert of the same id waits here for the other transaction, then finds its row
        int inserted = jdbc.sql("insert into reservation (reservation_id, product_id, quantity, status)"
                        + " values (?, ?, ?, 'RESERVED') on conflict (reservation_id) do nothing")
                .params(request.reservationId(), request.productId(), request.quantity())
                .update();
        Reservation reservation = find(request.reservationId());
        if (inserted == 0) {
            if (reservation.productId() != request.productId() || reservation.quantity() != request.quantity()) {
                throw new ReservationConflict(request.reservationId());
            }
            return new Outcome(reservation, false);
        }
        StockRow after = jdbc.sql("update product set stock = stock - ?, version = version + 1, updated_at = now()"
                        + " where id = ? and stock >= ? returning " + StockRow.COLUMNS)
                .params(request.quantity(), request.productId(), request.quantity())
                .query(StockRow::from)
                .optional()
                .orElseThrow(() -> new InsufficientStock(request.productId(), request.quantity(), stockOf(request)));
        changes.stockChanged(after.id(), after.sku(), after.stock(), after.version(), "RESERVED");
        return new Outcome(reservation, true);
    }

    private int stockOf(ReserveStock request) {
        return jdbc.sql("select stock from product where id = ?")
                .param(request.productId())
                .query(Integer.class)
                .single();
    }

    /** Releases the reservation once; unknown or already released ids change nothing. */
    @Transactional
    void release(String reservationId) {
        jdbc.sql("update reservation set status = 'RELEASED', released_at = now()"
                        + " where reservation_id = ? and status = 'RESERVED' returning product_id, quantity")
                .param(reservationId)
                .query((rs, n) -> new long[] {rs.getLong("product_id"), rs.getInt("quantity")})
                .optional()
                .ifPresent(released -> {
                    StockRow after = jdbc.sql("update product set stock = stock + ?, version = version + 1,"
                                    + " updated_at = now() where id = ? returning " + StockRow.COLUMNS)
                            .params(released[1], released[0])
                            .query(StockRow::from)
                            .single();
                    changes.stockChanged(after.id(), after.sku(), after.stock(), after.version(), "RELEASED");
                });
    }

    private Reservation find(String reservationId) {
        return jdbc.sql("select " + Reservation.COLUMNS + " from reservation where reservation_id = ?")
                .param(reservationId)
                .query(Reservation::from)
                .single();
    }
}
