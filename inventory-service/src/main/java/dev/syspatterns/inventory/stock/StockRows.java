package dev.syspatterns.inventory.stock;

import dev.syspatterns.inventory.catalog.ProductNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the contended row on the primary, the two ways the strategies need it. */
@Component
public class StockRows {

    private static final String SELECT = "select " + StockRow.COLUMNS + " from product where id = ?";

    private final JdbcClient jdbc;

    StockRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A plain read: other transactions may change the row right after. */
    public StockRow read(long productId) {
        return query(SELECT, productId);
    }

    /** Reads and locks the row until the current transaction ends; other writers and lockers wait. */
    public StockRow readForUpdate(long productId) {
        return query(SELECT + " for update", productId);
    }

    private StockRow query(String sql, long productId) {
        return jdbc.sql(sql)
                .param(productId)
                .query(StockRow::from)
                .optional()
                .orElseThrow(() -> new ProductNotFound(productId));
    }
}
