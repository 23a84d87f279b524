package dev.syspatterns.inventory.catalog;

import dev.syspatterns.inventory.InventoryProperties;
import org.springframework.stereotype.Component;

/** The Redis key of a product's cache entry. */
@Component
class ProductCacheKeys {

    private final String prefix;

    ProductCacheKeys(InventoryProperties properties) {
        this.prefix = properties.redisKeyPrefix() + "product:";
    }

    String of(long productId) {
        return prefix + productId;
    }
}
