package dev.syspatterns.realtime.ingest;

import dev.syspatterns.realtime.RealtimeProperties;
import dev.syspatterns.realtime.channel.ChannelName;
import dev.syspatterns.realtime.channel.MessagePublisher;
import dev.syspatterns.realtime.channel.PayloadTooLarge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Other services' events ({@code platform.realtime.ingest.topics}: stock changes, job progress, order saga
 * steps, driver locations, finished uploads) become messages of the channel their {@code channel} field
 * names, with the event JSON as the data. Realtime stays generic: it needs no class per event.
 *
 * <p>All instances share one consumer group, so each event is ingested once, not once per instance; the
 * fan-out then reaches subscribers on every instance. Kafka delivers at least once (a rebalance or a crash
 * between publishing and committing hands a record over again), so the sequencer remembers each record's
 * topic/partition/offset and a redelivered record becomes the same message, never a second one.
 */
@Component
class ServiceEventIngest {

    private static final Logger log = LoggerFactory.getLogger(ServiceEventIngest.class);

    private final MessagePublisher publisher;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final RealtimeProperties.Ingest settings;

    ServiceEventIngest(
            MessagePublisher publisher, JsonMapper json, MeterRegistry meters, RealtimeProperties properties) {
        this.publisher = publisher;
        this.json = json;
        this.meters = meters;
        this.settings = properties.ingest();
    }

    public List<String> topics() {
        return settings.topics();
    }

    public String groupId() {
        return settings.groupId();
    }

    public String concurrency() {
        return Integer.toString(settings.concurrency());
    }

    public String enabled() {
        return Boolean.toString(settings.enabled());
    }

    public String autoOffsetReset() {
        return settings.autoOffsetReset();
    }

    @KafkaListener(
            id = "realtime-ingest",
            topics = "#{__listener.topics()}",
            groupId = "#{__listener.groupId()}",
            concurrency = "#{__listener.concurrency()}",
            autoStartup = "#{__listener.enabled()}",
            properties = "auto.offset.reset=#{__listener.autoOffsetReset()}")
    void ingest(ConsumerRecord<String, String> record) {
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (JacksonException e) {
            skip(record, "it is not JSON");
            return;
        }
        JsonNode channel = event == null ? null : event.get("channel");
        if (channel == null || !channel.isString() || !ChannelName.isValid(channel.asString())) {
            skip(record, "it has no valid 'channel' field");
            return;
        }
        try {
            String sourceId = record.topic() + "/" + record.partition() + "/" + record.offset();
            publisher.publish(channel.asString(), event, record.topic(), sourceId);
        } catch (PayloadTooLarge e) {
            skip(record, e.getMessage());
        }
    }

    // A malformed event can never succeed: retrying it would only block the events behind it.
    private void skip(ConsumerRecord<String, String> record, String why) {
        meters.counter("realtime.ingest.skipped", "topic", record.topic()).increment();
        log.warn("Skipping event {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), why);
    }
}
