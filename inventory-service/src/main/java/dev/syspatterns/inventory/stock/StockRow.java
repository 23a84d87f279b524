package dev.syspatterns.inventory.stock;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The contended part of a product row. */
public record StockRow(long id, String sku, int stock, long version, long fenceToken) {

    public static final String COLUMNS = "id, sku, stock, version, fence_token";

    public static StockRow from(ResultSet rs, int row) throws SQLException {
        return new StockRow(
                rs.getLong("id"),
                rs.getString("sku"),
                rs.getInt("stock"),
                rs.getLong("version"),
                rs.getLong("fence_token"));
    }

    /** Throws {@link InsufficientStock} unless {@code quantity} units are available. */
    public void require(int quantity) {
        if (stock < quantity) {
            throw new InsufficientStock(id, quantity, stock);
        }
    }
}
