package dev.syspatterns.realtime.presence;

import dev.syspatterns.realtime.RealtimeProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * How many clients are subscribed to a channel, across all instances. Each instance keeps its own count per
 * channel in a Redis hash ({@code realtime:presence:{channel}}, field = instance id) and says it is alive in a
 * sorted set scored by heartbeat time; a reader sums the counts of live instances only, so a crashed
 * instance's clients stop counting once its heartbeat is older than {@code instance-ttl}.
 */
@Component
public class PresenceRegistry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PresenceRegistry.class);
    private static final String INSTANCES = "realtime:instances";

    private final StringRedisTemplate redis;
    private final Duration instanceTtl;
    private final String instanceId = UUID.randomUUID().toString();
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("presence-heartbeat").daemon().factory());

    PresenceRegistry(StringRedisTemplate redis, RealtimeProperties properties) {
        this.redis = redis;
        this.instanceTtl = properties.presence().instanceTtl();
        long every = properties.presence().heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, 0, every, TimeUnit.MILLISECONDS);
    }

    public String instanceId() {
        return instanceId;
    }

    /** A local client subscribed to {@code channel}. */
    public void joined(String channel) {
        local.computeIfAbsent(channel, c -> new AtomicLong()).incrementAndGet();
        // HINCRBY commutes, so concurrent joins and leaves never overwrite each other's counts.
        redis.opsForHash().increment(key(channel), instanceId, 1);
        redis.expire(key(channel), keyTtl());
    }

    /** A local client left {@code channel}. */
    public void left(String channel) {
        AtomicLong count = local.get(channel);
        if (count != null) {
            count.decrementAndGet();
        }
        redis.opsForHash().increment(key(channel), instanceId, -1);
    }

    /** Subscribers of {@code channel} on every live instance. */
    public long count(String channel) {
        Map<Object, Object> perInstance = redis.opsForHash().entries(key(channel));
        if (perInstance.isEmpty()) {
            return 0;
        }
        Set<String> live = redis.opsForZSet()
                .rangeByScore(INSTANCES, System.currentTimeMillis() - instanceTtl.toMillis(), Double.POSITIVE_INFINITY);
        return perInstance.entrySet().stream()
                .filter(e -> live != null && live.contains(e.getKey().toString()))
                .mapToLong(e -> Math.max(0, Long.parseLong(e.getValue().toString())))
                .sum();
    }

    /** Subscribers of {@code channel} on this instance only. */
    public long localCount(String channel) {
        AtomicLong count = local.get(channel);
        return count == null ? 0 : count.get();
    }

    private void heartbeat() {
        try {
            long now = System.currentTimeMillis();
            redis.opsForZSet().add(INSTANCES, instanceId, now);
            redis.opsForZSet().removeRangeByScore(INSTANCES, 0, now - 10 * instanceTtl.toMillis());
            // Keeps the hashes of channels this instance still serves from expiring; idle ones may go.
            List<String> active = local.entrySet().stream()
                    .filter(e -> e.getValue().get() > 0)
                    .map(Map.Entry::getKey)
                    .toList();
            active.forEach(channel -> redis.expire(key(channel), keyTtl()));
            local.entrySet().removeIf(e -> e.getValue().get() <= 0 && !active.contains(e.getKey()));
        } catch (RuntimeException e) {
            log.warn("Presence heartbeat failed; counts of this instance may look stale", e);
        }
    }

    private Duration keyTtl() {
        return instanceTtl.multipliedBy(4);
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        try {
            local.keySet().forEach(channel -> redis.opsForHash().delete(key(channel), instanceId));
            redis.opsForZSet().remove(INSTANCES, instanceId);
        } catch (RuntimeException e) {
            log.debug("Could not withdraw presence on shutdown; it expires with the heartbeat", e);
        }
    }

    private static String key(String channel) {
        return "realtime:presence:{" + channel + "}";
    }
}
