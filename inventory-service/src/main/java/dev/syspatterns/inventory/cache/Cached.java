package dev.syspatterns.inventory.cache;

/** A value read through the cache, with how the cache took part and the loader's own result on a miss. */
public record Cached<T, L>(T value, CacheStatus status, L load) {}
