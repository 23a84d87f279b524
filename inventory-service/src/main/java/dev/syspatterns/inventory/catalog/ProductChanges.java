package dev.syspatterns.inventory.catalog;

import dev.syspatterns.events.StockChanged;
import dev.syspatterns.events.Topics;
import dev.syspatterns.inventory.outbox.Outbox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every writer of a product's stock calls inside its transaction: the {@link StockChanged} event goes to
 * the outbox (so it is sent if and only if the change commits), and the product's cache entry is evicted once
 * the transaction committed (see {@link ProductCacheEviction}).
 */
@Component
public class ProductChanges {

    private final Outbox outbox;
    private final ApplicationEventPublisher events;

    ProductChanges(Outbox outbox, ApplicationEventPublisher events) {
        this.outbox = outbox;
        this.events = events;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void stockChanged(long productId, String sku, int stock, long version, String reason) {
        outbox.append(
                Topics.STOCK_CHANGED,
                Long.toString(productId),
                StockChanged.of(productId, sku, stock, version, reason));
        events.publishEvent(new ProductChanged(productId));
    }
}
