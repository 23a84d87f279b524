package dev.syspatterns.events;

import java.time.Instant;

/** The stock of a product changed (a purchase, a reservation, a release, a restock). */
public record StockChanged(
        String channel, long productId, String sku, int stock, long version, String reason, Instant occurredAt)
        implements ChannelEvent {

    public static StockChanged of(long productId, String sku, int stock, long version, String reason) {
        return new StockChanged("product." + productId, productId, sku, stock, version, reason, Instant.now());
    }
}
