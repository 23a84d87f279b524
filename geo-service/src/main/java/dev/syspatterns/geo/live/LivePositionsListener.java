package dev.syspatterns.geo.live;

import dev.syspatterns.events.DriverLocated;
import dev.syspatterns.events.Topics;
import dev.syspatterns.geo.pings.LocationPing;
import dev.syspatterns.geo.pings.PingDecoder;
import dev.syspatterns.geo.pings.PingKafkaConfiguration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live view reads the same pings topic as the storage writer, in its own consumer group: a slow or
 * stopped database delays history, never the positions riders see. Each driver move is indexed in Redis and
 * published as {@link DriverLocated} on channel {@code driver.{id}} for realtime-service.
 */
@Component
class LivePositionsListener {

    private final DriverPositions positions;
    private final PingDecoder decoder;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;

    LivePositionsListener(
            DriverPositions positions, PingDecoder decoder, KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.positions = positions;
        this.decoder = decoder;
        this.kafka = kafka;
        this.json = json;
    }

    @KafkaListener(
            id = "live-positions",
            topics = "${platform.geo.pings.topic:geo.location-pings}",
            groupId = "${platform.geo.live.group:geo-live-positions}",
            containerFactory = PingKafkaConfiguration.BATCH_LISTENER_FACTORY,
            autoStartup = "${platform.geo.listeners-enabled:true}")
    void index(List<ConsumerRecord<String, String>> records) {
        List<LocationPing> moved = positions.moveIfNewer(decoder.decode(records));
        // Offsets commit after the events are acknowledged: a crash in between republishes, never drops.
        CompletableFuture.allOf(moved.stream()
                        .map(p -> kafka.send(
                                Topics.DRIVER_LOCATED,
                                p.driverId(),
                                json.writeValueAsString(
                                        DriverLocated.of(p.driverId(), p.lat(), p.lon(), p.recordedAt()))))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    @Scheduled(fixedDelayString = "${platform.geo.live.prune-every:30s}")
    void forgetStaleDrivers() {
        positions.forgetStale();
    }
}
