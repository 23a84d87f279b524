package dev.syspatterns.inventory.catalog;

import dev.syspatterns.inventory.cache.CacheStatus;
import dev.syspatterns.inventory.replica.ReadSource;

/** A product and where it came from: the cache, and on a miss which database ({@code source} null on a hit). */
record ProductRead(Product product, CacheStatus cache, ReadSource source) {}
