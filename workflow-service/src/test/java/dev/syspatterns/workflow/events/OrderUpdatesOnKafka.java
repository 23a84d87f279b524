package dev.syspatterns.workflow.events;

import dev.syspatterns.events.Topics;
import dev.syspatterns.testsupport.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the order-updated topic on the real broker, from the start, keeping one order's updates. */
public final class OrderUpdatesOnKafka {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One update as it arrived: its record key and JSON value. */
    public record Update(String key, JsonNode value) {
        public String stepAndStatus() {
            return value.path("step").asString() + " " + value.path("status").asString();
        }
    }

    private OrderUpdatesOnKafka() {}

    /** Polls until the order's updates satisfy {@code enough} or the timeout passes; returns them in order. */
    public static List<Update> of(String orderId, Predicate<List<Update>> enough, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "workflow-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<Update> updates = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ORDER_UPDATED));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !enough.test(updates)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orderId.equals(record.key())) {
                        updates.add(new Update(record.key(), JSON.readTree(record.value())));
                    }
                }
            }
        }
        return updates;
    }
}
