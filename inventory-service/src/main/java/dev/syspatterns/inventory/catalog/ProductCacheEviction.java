package dev.syspatterns.inventory.catalog;

import dev.syspatterns.inventory.cache.CacheAside;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Evicts a product's cache entry after the change committed. Evicting before the commit would let a reader
 * cache the old row again in between; after a rollback nothing needs evicting.
 */
@Component
class ProductCacheEviction {

    private final CacheAside cache;
    private final ProductCacheKeys keys;

    ProductCacheEviction(CacheAside cache, ProductCacheKeys keys) {
        this.cache = cache;
        this.keys = keys;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void evict(ProductChanged changed) {
        cache.evict(keys.of(changed.productId()));
    }
}
