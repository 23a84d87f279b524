package dev.syspatterns.geo;

import dev.syspatterns.geo.coordinates.InvalidGeoInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything geo-service can be tuned with, under {@code platform.geo}. The defaults run against the local
 * infrastructure: database {@code geo} for places, {@code geo_shard_0..3} for location pings.
 */
@ConfigurationProperties(prefix = "platform.geo")
@Validated
public record GeoProperties(
        @Valid Places places,
        @Valid Pings pings,
        @Valid Live live,
        @NotEmpty @Valid List<Shard> shards,
        @Min(1) int virtualNodesPerShard,
        Boolean listenersEnabled) {

    public GeoProperties {
        places = places != null ? places : new Places(0, 0, 0, 0, 0, 0);
        pings = pings != null ? pings : new Pings(null, 0, null, 0, 0, null, null, null, null);
        live = live != null ? live : new Live(null, null, null, null);
        shards = shards != null && !shards.isEmpty() ? named(shards) : localShards(4);
        virtualNodesPerShard = virtualNodesPerShard > 0 ? virtualNodesPerShard : 256;
        // Read by the @KafkaListener autoStartup placeholders; off for slices that have no broker.
        listenersEnabled = listenersEnabled == null || listenersEnabled;
    }

    private static List<Shard> named(List<Shard> shards) {
        return IntStream.range(0, shards.size())
                .mapToObj(i -> {
                    Shard s = shards.get(i);
                    return s.name() != null
                            ? s
                            : new Shard(
                                    "shard-" + i,
                                    s.url(),
                                    s.username(),
                                    s.password(),
                                    s.poolSize(),
                                    s.connectionTimeout());
                })
                .toList();
    }

    private static List<Shard> localShards(int count) {
        return IntStream.range(0, count)
                .mapToObj(i ->
                        new Shard("shard-" + i, "jdbc:postgresql://127.0.0.1:5432/geo_shard_" + i, null, null, 0, null))
                .toList();
    }

    /** Proximity search limits: what a single request may ask for. */
    public record Places(
            @Positive int defaultLimit,
            @Positive int maxLimit,
            @Positive double defaultRadiusMeters,
            @Positive double maxRadiusMeters,
            @Positive int maxBulkSize,
            @Positive int maxWithinResults) {

        public Places {
            defaultLimit = defaultLimit > 0 ? defaultLimit : 20;
            maxLimit = maxLimit > 0 ? maxLimit : 500;
            defaultRadiusMeters = defaultRadiusMeters > 0 ? defaultRadiusMeters : 5_000;
            maxRadiusMeters = maxRadiusMeters > 0 ? maxRadiusMeters : 100_000;
            maxBulkSize = maxBulkSize > 0 ? maxBulkSize : 50_000;
            maxWithinResults = maxWithinResults > 0 ? maxWithinResults : 5_000;
        }

        /** The radius a search asked for, defaulted and bounded: a huge radius is a full scan in disguise. */
        public double radius(Double requested) {
            double radius = requested == null ? defaultRadiusMeters : requested;
            if (!Double.isFinite(radius) || radius <= 0 || radius > maxRadiusMeters) {
                throw new InvalidGeoInput(
                        "radiusMeters must be above 0 and at most " + maxRadiusMeters + " but was " + radius);
            }
            return radius;
        }

        /** The result count a search asked for, defaulted to {@code fallback} and bounded by {@code max}. */
        public int limit(Integer requested, int fallback, int max) {
            if (requested == null) {
                return fallback;
            }
            if (requested < 1 || requested > max) {
                throw new InvalidGeoInput("limit must be 1.." + max + " but was " + requested);
            }
            return requested;
        }
    }

    /**
     * The ping stream: the Kafka topic that buffers writes, the consumer group that stores them, and how the
     * storing consumer backs off while a shard is down (it retries the same batch forever, never skips it).
     */
    public record Pings(
            @NotBlank String topic,
            @Min(1) int partitions,
            @NotBlank String writerGroup,
            @Min(1) int writerConcurrency,
            @Min(1) @Max(10_000) int maxBatch,
            Duration sendTimeout,
            Duration retryInitialInterval,
            Duration retryMaxInterval,
            Duration maxClockSkew) {

        public Pings {
            topic = topic != null ? topic : "geo.location-pings";
            partitions = partitions > 0 ? partitions : 4;
            writerGroup = writerGroup != null ? writerGroup : "geo-ping-writer";
            writerConcurrency = writerConcurrency > 0 ? writerConcurrency : 2;
            maxBatch = maxBatch > 0 ? maxBatch : 1_000;
            sendTimeout = sendTimeout != null ? sendTimeout : Duration.ofSeconds(10);
            retryInitialInterval = retryInitialInterval != null ? retryInitialInterval : Duration.ofMillis(200);
            retryMaxInterval = retryMaxInterval != null ? retryMaxInterval : Duration.ofSeconds(5);
            maxClockSkew = maxClockSkew != null ? maxClockSkew : Duration.ofMinutes(5);
        }
    }

    /** The live index of latest driver positions in Redis GEO, fed by its own consumer group. */
    public record Live(@NotBlank String key, @NotBlank String group, Duration staleAfter, Duration pruneEvery) {

        public Live {
            key = key != null ? key : "geo:drivers";
            group = group != null ? group : "geo-live-positions";
            staleAfter = staleAfter != null ? staleAfter : Duration.ofMinutes(5);
            pruneEvery = pruneEvery != null ? pruneEvery : Duration.ofSeconds(30);
        }
    }

    /**
     * One shard database for location pings. {@code name} places the shard on the hash ring: keep it stable
     * when URLs change, or drivers move.
     */
    public record Shard(
            @NotBlank String name,
            @NotBlank String url,
            String username,
            String password,
            int poolSize,
            Duration connectionTimeout) {

        public Shard {
            username = username != null ? username : "platform";
            password = password != null ? password : "platform";
            poolSize = poolSize > 0 ? poolSize : 3;
            connectionTimeout = connectionTimeout != null ? connectionTimeout : Duration.ofSeconds(2);
        }
    }
}
