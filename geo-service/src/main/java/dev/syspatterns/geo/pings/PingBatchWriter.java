package dev.syspatterns.geo.pings;

import dev.syspatterns.geo.sharding.Shard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Drains the pings topic into the shard databases, one poll (size- and time-bounded by max.poll.records and
 * fetch.max.wait) at a time: group by shard, one multi-row upsert per shard. If any shard write fails the
 * whole batch is retried (see {@link PingKafkaConfiguration}); shards already written just ignore the rows
 * again, which is what makes "at least once" delivery store each ping exactly once.
 */
@Component
class PingBatchWriter {

    private static final Logger log = LoggerFactory.getLogger(PingBatchWriter.class);

    private final ShardedPingStore store;
    private final PingDecoder decoder;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter failedBatches;

    PingBatchWriter(ShardedPingStore store, PingDecoder decoder, MeterRegistry meters) {
        this.store = store;
        this.decoder = decoder;
        this.stored = Counter.builder("geo.pings.stored")
                .description("ping rows written to the shards")
                .register(meters);
        this.duplicates = Counter.builder("geo.pings.duplicates")
                .description("pings already stored (client retries, redelivered batches)")
                .register(meters);
        this.failedBatches = Counter.builder("geo.pings.write.failures")
                .description("batch writes that failed and will be retried")
                .register(meters);
    }

    @KafkaListener(
            id = "ping-writer",
            topics = "${platform.geo.pings.topic:geo.location-pings}",
            groupId = "${platform.geo.pings.writer-group:geo-ping-writer}",
            containerFactory = PingKafkaConfiguration.BATCH_LISTENER_FACTORY,
            autoStartup = "${platform.geo.listeners-enabled:true}")
    void write(List<ConsumerRecord<String, String>> records) {
        List<LocationPing> pings = decoder.decode(records);
        try {
            for (Map.Entry<Shard, List<LocationPing>> group :
                    store.byShard(pings).entrySet()) {
                int inserted = store.insert(group.getKey(), group.getValue());
                stored.increment(inserted);
                duplicates.increment(group.getValue().size() - inserted);
            }
        } catch (RuntimeException e) {
            failedBatches.increment();
            log.warn(
                    "writing {} pings failed, the batch stays in Kafka and is retried: {}", pings.size(), e.toString());
            throw e;
        }
    }
}
