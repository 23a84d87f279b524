package dev.syspatterns.inventory.reservation;

import java.time.Instant;

/** Stock held for an order; {@code status} is RESERVED until released. */
record Reservation(String reservationId, long productId, int quantity, String status, Instant createdAt) {

    static final String COLUMNS = "reservation_id, product_id, quantity, status, created_at";

    static Reservation from(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Reservation(
                rs.getString("reservation_id"),
                rs.getLong("product_id"),
                rs.getInt("quantity"),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant());
    }
}
