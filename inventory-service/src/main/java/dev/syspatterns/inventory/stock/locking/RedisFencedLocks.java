package dev.syspatterns.inventory.stock.locking;

import dev.syspatterns.inventory.InventoryProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * A lease lock on one Redis key, with a fencing token per grant.
 *
 * <ul>
 *   <li>acquire: {@code SET lock NX PX lease} and, in the same script, {@code INCR} the lock's token counter,
 *       so a grant and its token are one atomic step (a token taken after the grant could be newer than the
 *       next holder's);
 *   <li>release: delete the key only if it still holds our owner id (compare-and-delete in Lua), so a holder
 *       whose lease expired cannot remove the next holder's lock;
 *   <li>renew: {@code PEXPIRE} under the same owner check, every third of the lease while held.
 * </ul>
 *
 * The counter must outlive Redis restarts (persistence on): a counter that restarts from 1 would make every
 * token older than what the rows remember, and fenced writes would be refused until it caught up.
 */
@Component
class RedisFencedLocks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisFencedLocks.class);

    private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return redis.call('INCR', KEYS[2])
            end
            return false
            """, Long.class);
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, Long.class);
    private static final RedisScript<Long> RENEW = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final InventoryProperties.DistributedLock properties;
    private final String prefix;
    private final Counter busy;
    private final ScheduledExecutorService renewals =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());

    RedisFencedLocks(StringRedisTemplate redis, InventoryProperties properties, MeterRegistry meters) {
        this.redis = redis;
        // the lock's retries: each try that found the lock held, so waiters poll again (the cost of contention)
        this.busy = meters.counter("inventory.lock.busy");
        this.properties = properties.lock();
        this.prefix = properties.redisKeyPrefix();
    }

    /** One try: the lock and a new token, or empty when someone else holds it. */
    Optional<FencedLock> tryAcquire(String name, Duration lease) {
        String owner = UUID.randomUUID().toString();
        Long token =
                redis.execute(ACQUIRE, List.of(lockKey(name), tokenKey(name)), owner, Long.toString(lease.toMillis()));
        return token == null ? Optional.empty() : Optional.of(new FencedLock(this, name, owner, token));
    }

    /** Waits (polling with jitter) up to {@code wait-timeout} for the lock; throws {@link LockNotAcquired}. */
    FencedLock acquire(String name) {
        long deadline = System.nanoTime() + properties.waitTimeout().toNanos();
        while (true) {
            Optional<FencedLock> lock = tryAcquire(name, properties.lease());
            if (lock.isPresent()) {
                return lock.get();
            }
            if (System.nanoTime() > deadline) {
                throw new LockNotAcquired(name, properties.waitTimeout());
            }
            busy.increment();
            pause();
        }
    }

    private void pause() {
        long min = properties.pollMin().toMillis();
        long max = Math.max(min, properties.pollMax().toMillis());
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(min, max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lock", e);
        }
    }

    ScheduledFuture<?> renewWhileHeld(FencedLock lock) {
        long every = Math.max(1, properties.lease().toMillis() / 3);
        return renewals.scheduleAtFixedRate(
                () -> {
                    try {
                        Long renewed = redis.execute(
                                RENEW,
                                List.of(lockKey(lock.name())),
                                lock.owner(),
                                Long.toString(properties.lease().toMillis()));
                        if (renewed == null || renewed == 0) {
                            // lost it (expired while we stalled); the fencing token still protects the row
                            log.warn("Lock {} with token {} was lost before renewal", lock.name(), lock.token());
                            throw new IllegalStateException("lock lost"); // ends the schedule
                        }
                    } catch (DataAccessException e) {
                        log.warn("Could not renew lock {}: {}", lock.name(), e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    void release(FencedLock lock) {
        try {
            redis.execute(RELEASE, List.of(lockKey(lock.name())), lock.owner());
        } catch (DataAccessException e) {
            // the lease expires by itself
            log.warn("Could not release lock {}: {}", lock.name(), e.getMessage());
        }
    }

    private String lockKey(String name) {
        return prefix + "lock:" + name;
    }

    private String tokenKey(String name) {
        return prefix + "fence:" + name;
    }

    @Override
    public void destroy() {
        renewals.shutdownNow();
    }
}
