package dev.syspatterns.inventory.cache;

import dev.syspatterns.inventory.InventoryProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache-aside on Redis: read the cache, on a miss load from the database and store the value with a jittered
 * TTL; the writer evicts after its commit. Three protections:
 *
 * <ul>
 *   <li>stampede: concurrent misses for one key in this instance share one load (single flight), so a hot key
 *       that expires costs one database read per instance, not one per request;
 *   <li>synchronized expiry: the TTL gets a random extra share, so keys written together expire apart;
 *   <li>Redis down: reads go to the database ({@link CacheStatus#BYPASS}) instead of failing.
 * </ul>
 */
@Component
public class CacheAside implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CacheAside.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final InventoryProperties.Cache properties;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, CompletableFuture<?>> loading = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delayedEvictions =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());

    CacheAside(StringRedisTemplate redis, JsonMapper json, InventoryProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.properties = properties.cache();
        this.meters = meters;
    }

    /**
     * The value under {@code key}, loaded by {@code loader} on a miss. {@code valueOf} extracts what is cached
     * from the loader's result (the loader may return more, e.g. which database answered); a null value is not
     * cached.
     */
    public <T, L> Cached<T, L> get(String key, Class<T> type, Supplier<L> loader, Function<L, T> valueOf) {
        String cached;
        try {
            cached = redis.opsForValue().get(key);
        } catch (DataAccessException e) {
            log.debug("Redis unavailable, reading {} from the database: {}", key, e.getMessage());
            L load = loader.get();
            return counted(new Cached<>(valueOf.apply(load), CacheStatus.BYPASS, load));
        }
        if (cached != null) {
            return counted(new Cached<>(json.readValue(cached, type), CacheStatus.HIT, null));
        }
        return counted(loadOnce(key, () -> {
            // a flight that just finished may have stored the value after our first look
            String stored = redis.opsForValue().get(key);
            if (stored != null) {
                return new Cached<>(json.readValue(stored, type), CacheStatus.HIT, null);
            }
            L load = loader.get();
            T value = valueOf.apply(load);
            if (value != null) {
                store(key, value); // before the flight ends, so a late reader finds it instead of loading again
            }
            return new Cached<>(value, CacheStatus.MISS, load);
        }));
    }

    /** Single flight: the first caller for a key runs {@code load}, concurrent callers wait for its result. */
    @SuppressWarnings("unchecked")
    private <R> R loadOnce(String key, Supplier<R> load) {
        CompletableFuture<R> mine = new CompletableFuture<>();
        CompletableFuture<R> running = (CompletableFuture<R>) loading.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            R value = load.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    private void store(String key, Object value) {
        try {
            redis.opsForValue().set(key, json.writeValueAsString(value), jittered(properties.ttl()));
        } catch (DataAccessException e) {
            log.debug("Could not cache {}: {}", key, e.getMessage());
        }
    }

    Duration jittered(Duration ttl) {
        long extra = (long) (ttl.toMillis()
                * properties.ttlJitter()
                * ThreadLocalRandom.current().nextDouble());
        return ttl.plusMillis(extra);
    }

    /**
     * Removes {@code key} now and once more after {@code second-eviction-delay}: a reader that missed just
     * before the commit may still store what it loaded from a replica that had not replayed the change yet.
     */
    public void evict(String key) {
        evictQuietly(key);
        delayedEvictions.schedule(
                () -> evictQuietly(key), properties.secondEvictionDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void evictQuietly(String key) {
        try {
            redis.delete(key);
        } catch (DataAccessException e) {
            // the TTL bounds how long a value missed here can stay stale
            log.warn("Could not evict {} from the cache: {}", key, e.getMessage());
        }
    }

    private <T, L> Cached<T, L> counted(Cached<T, L> cached) {
        meters.counter("inventory.cache", "result", cached.status().name().toLowerCase(java.util.Locale.ROOT))
                .increment();
        return cached;
    }

    @Override
    public void destroy() {
        delayedEvictions.shutdownNow();
    }
}
