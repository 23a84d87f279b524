package dev.syspatterns.inventory.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.inventory.InventoryServiceTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the plan of the catalogue's own search and lookup SQL: if a change to the query (or the schema) stops
 * them from using their indexes, this fails instead of a production table silently being scanned.
 */
@InventoryServiceTest
class ProductSearchUsesItsIndexTest {

    private static final String FILLER_SKU = "explain-filler-";

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void enoughRowsThatAScanWouldCostMore() {
        // a few thousand rows and fresh statistics, so the planner chooses as it would on a real catalogue
        long fillers = jdbc.sql("select count(*) from product where sku like ?")
                .param(FILLER_SKU + "%")
                .query(Long.class)
                .single();
        if (fillers < 5_000) {
            jdbc.sql("insert into product (sku, name, description, price_cents, stock)"
                            + " select ? || g, 'Filler item ' || g, 'common words for product number ' || g, 100, 1"
                            + " from generate_series(?, 5000) g on conflict do nothing")
                    .params(FILLER_SKU, fillers + 1)
                    .update();
        }
        // what autovacuum does on a live table: move GIN's pending-insert list into the index proper (a long
        // pending list makes the planner price the index above a scan) and refresh the statistics
        jdbc.sql("select gin_clean_pending_list('product_search_idx'::regclass)")
                .query(Long.class)
                .single();
        jdbc.sql("analyze product").update();
    }

    private String plan(String sql, Object... params) {
        List<String> lines =
                jdbc.sql("explain " + sql).params(params).query(String.class).list();
        return String.join("\n", lines);
    }

    @Test
    void fullTextSearchUsesTheGinIndex() {
        String plan = jdbc
                .sql("explain " + Catalog.SEARCH)
                .param("q", "kettle")
                .param("size", 20)
                .param("offset", 0)
                .query(String.class)
                .list()
                .stream()
                .reduce("", (a, b) -> a + "\n" + b);

        assertThat(plan).contains("product_search_idx").doesNotContain("Seq Scan");
    }

    @Test
    void skuLookupUsesTheUniqueIndex() {
        assertThat(plan("select id from product where sku = ?", FILLER_SKU + "42"))
                .contains("product_sku_key")
                .doesNotContain("Seq Scan");
    }
}
