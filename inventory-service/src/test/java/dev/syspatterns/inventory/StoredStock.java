package dev.syspatterns.inventory;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What the stock row says, read straight from the primary: the ground truth the API tests compare with. */
public final class StoredStock {

    private StoredStock() {}

    public static int of(JdbcClient jdbc, long productId) {
        return jdbc.sql("select stock from product where id = ?")
                .param(productId)
                .query(Integer.class)
                .single();
    }
}
