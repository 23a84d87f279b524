package dev.syspatterns.inventory.replica;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A point in the primary's write-ahead log (a PostgreSQL LSN such as {@code 0/16B3F80}). A client that wrote
 * carries the position of its write; a replica that has replayed past it is guaranteed to show the write.
 */
public record WritePosition(String lsn) {

    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

    public WritePosition {
        if (lsn == null || !LSN.matcher(lsn).matches()) {
            throw new IllegalArgumentException("not a WAL position: " + lsn);
        }
    }

    /** A position sent by a client, or empty when it is absent or not a WAL position. */
    static Optional<WritePosition> parse(String value) {
        return value != null && LSN.matcher(value).matches() ? Optional.of(new WritePosition(value)) : Optional.empty();
    }
}
