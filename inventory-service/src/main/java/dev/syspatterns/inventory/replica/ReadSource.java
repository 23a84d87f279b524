package dev.syspatterns.inventory.replica;

/** Which database answered a read; sent to clients as {@code X-Read-Source}. */
public enum ReadSource {
    REPLICA,
    PRIMARY;

    public String headerValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
