package dev.syspatterns.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything inventory-service can be tuned with; the defaults run against the local infrastructure.
 *
 * @param redisKeyPrefix prefix of every Redis key (cache entries, locks, fencing counters) this service writes
 */
@ConfigurationProperties(prefix = "platform.inventory")
@Validated
public record InventoryProperties(
        @DefaultValue("inventory:") @NotBlank String redisKeyPrefix,
        @DefaultValue @Valid Replica replica,
        @DefaultValue @Valid Cache cache,
        @DefaultValue @Valid Optimistic optimistic,
        @DefaultValue @Valid DistributedLock lock,
        @DefaultValue @Valid Outbox outbox) {

    /**
     * The streaming replica that serves read-only work.
     *
     * @param retryAfter after a failure, reads go to the primary for this long before the replica is tried again
     * @param readYourWritesWindow how long a client's write position (cookie) keeps steering its reads
     */
    public record Replica(
            @DefaultValue("jdbc:postgresql://127.0.0.1:5433/inventory") @NotBlank
            String url,

            @DefaultValue("platform") String username,
            @DefaultValue("platform") String password,
            @DefaultValue("4") @Min(1) int poolSize,
            @DefaultValue("1s") @NotNull Duration connectionTimeout,
            @DefaultValue("5s") @NotNull Duration retryAfter,
            @DefaultValue("30s") @NotNull Duration readYourWritesWindow) {}

    /**
     * Redis cache-aside for product reads.
     *
     * @param ttlJitter fraction of the ttl added at random, so entries written together do not expire together
     * @param secondEvictionDelay a second eviction this long after a commit removes a value that a concurrent
     *     reader loaded from a lagging replica between the commit and the first eviction
     */
    public record Cache(
            @DefaultValue("60s") @NotNull Duration ttl,

            @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0")
            double ttlJitter,

            @DefaultValue("500ms") @NotNull Duration secondEvictionDelay) {}

    /** OPTIMISTIC purchases: compare-and-set on the version column, retried with full-jitter backoff. */
    public record Optimistic(
            @DefaultValue("60") @Min(1) int maxAttempts,
            @DefaultValue("2ms") @NotNull Duration backoffBase,
            @DefaultValue("40ms") @NotNull Duration backoffCap) {}

    /**
     * DISTRIBUTED_LOCK purchases: a Redis lease lock with fencing tokens.
     *
     * @param lease how long the lock lives without renewal; a holder renews it every third of the lease
     * @param waitTimeout how long a buyer waits for the lock before giving up with 503
     */
    public record DistributedLock(
            @DefaultValue("3s") @NotNull Duration lease,
            @DefaultValue("15s") @NotNull Duration waitTimeout,
            @DefaultValue("2ms") @NotNull Duration pollMin,
            @DefaultValue("20ms") @NotNull Duration pollMax) {}

    /** The relay that moves outbox rows to Kafka. */
    public record Outbox(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("200ms") @NotNull Duration pollInterval,
            @DefaultValue("100") @Min(1) int batchSize,
            @DefaultValue("10s") @NotNull Duration sendTimeout) {}
}
