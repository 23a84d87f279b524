package dev.syspatterns.inventory.catalog;

/** A product as clients see it; {@code version} counts the committed changes of the row. */
public record Product(long id, String sku, String name, String description, long priceCents, int stock, long version) {

    static final String COLUMNS = "id, sku, name, description, price_cents, stock, version";

    static Product from(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Product(
                rs.getLong("id"),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getLong("price_cents"),
                rs.getInt("stock"),
                rs.getLong("version"));
    }
}
