package dev.syspatterns.geo.batching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A multi-row insert as one statement with one parameter per column: each column travels as a PostgreSQL
 * array and {@code unnest(...)} turns the arrays back into rows on the server. Unlike a VALUES list it has a
 * fixed SQL text and four parameters whether it carries 10 rows or 10,000 (no 65,535-parameter limit, one
 * cached plan), and unlike JDBC batching it is a single round trip and a single statement.
 */
public final class UnnestInsert {

    private UnnestInsert() {}

    /** One column of the rows: its PostgreSQL element type and the values, row by row. */
    public record Column(String sqlType, Object[] values) {}

    /** Runs {@code sql}, whose {@code ?}s are the columns in order; returns the rows it inserted. */
    public static int execute(JdbcTemplate jdbc, String sql, Column... columns) {
        Integer inserted = jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                for (int i = 0; i < columns.length; i++) {
                    ps.setArray(i + 1, con.createArrayOf(columns[i].sqlType(), columns[i].values()));
                }
                return ps.executeUpdate();
            }
        });
        return inserted == null ? 0 : inserted;
    }
}
