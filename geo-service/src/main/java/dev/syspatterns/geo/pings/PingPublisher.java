package dev.syspatterns.geo.pings;

import dev.syspatterns.geo.GeoProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a ping means Kafka has it: the producer is idempotent with {@code acks=all} (see application.yml),
 * and the caller hears back only after every record of its request is acknowledged. The database is not on
 * this path at all, so its speed or absence does not slow the drivers down.
 */
@Component
class PingPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final GeoProperties.Pings config;
    private final Counter accepted;

    PingPublisher(
            KafkaTemplate<String, String> kafka, JsonMapper json, GeoProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.config = properties.pings();
        this.accepted = Counter.builder("geo.pings.accepted")
                .description("pings acknowledged by Kafka and answered with 202")
                .register(meters);
    }

    void publish(List<LocationPing> pings) {
        // Keyed by driver: one driver's pings share a partition, so they are consumed in the order sent.
        try {
            CompletableFuture<?>[] sends = pings.stream()
                    .map(p -> kafka.send(config.topic(), p.driverId(), json.writeValueAsString(p)))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(sends).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PingsNotAccepted(pings.size(), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new PingsNotAccepted(pings.size(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PingsNotAccepted(pings.size(), e);
        }
        accepted.increment(pings.size());
    }
}
