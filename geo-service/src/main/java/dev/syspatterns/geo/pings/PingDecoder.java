package dev.syspatterns.geo.pings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads pings off the topic for every consumer of it. A record that is not a ping can never be stored, so it
 * is counted and skipped instead of blocking its partition behind endless retries.
 */
@Component
public class PingDecoder {

    private static final Logger log = LoggerFactory.getLogger(PingDecoder.class);

    private final JsonMapper json;
    private final Counter unreadable;

    PingDecoder(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.unreadable = Counter.builder("geo.pings.unreadable")
                .description("records on the pings topic that are not pings, skipped")
                .register(meters);
    }

    public List<LocationPing> decode(List<ConsumerRecord<String, String>> records) {
        List<LocationPing> pings = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                pings.add(json.readValue(record.value(), LocationPing.class));
            } catch (JacksonException | IllegalArgumentException e) {
                unreadable.increment();
                log.error(
                        "skipping unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            }
        }
        return pings;
    }
}
