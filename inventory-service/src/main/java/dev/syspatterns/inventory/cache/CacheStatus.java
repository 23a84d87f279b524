package dev.syspatterns.inventory.cache;

/** How the cache took part in a read; sent to clients as {@code X-Cache}. */
public enum CacheStatus {
    /** Served from Redis. */
    HIT,
    /** Not in Redis: loaded from the database and stored. */
    MISS,
    /** Redis is unavailable: loaded from the database, nothing stored. */
    BYPASS
}
