package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * One trace from the client to Kafka: a purchase sent to the gateway with a W3C {@code traceparent} reaches
 * inventory-service under the gateway's span, and the {@code StockChanged} that inventory's outbox relays
 * later, on a thread of its own, carries the same trace id in its record headers, where the realtime-service
 * consumer picks it up.
 */
class TraceThroughThePlatformTest {

    private static final String KAFKA = System.getProperty("e2e.kafka", "127.0.0.1:9092");
    private static final String STOCK_CHANGED = "inventory.stock-changed";

    private final Gateway gateway = new Gateway();

    @Test
    void aPurchasesTraceGoesFromTheGatewayThroughInventoryIntoItsKafkaEvent() {
        String token = gateway.token(Gateway.unique("e2e-tracer"));
        long productId =
                new Catalog(gateway, token).newProduct(5, 300).get("id").asLong();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (KafkaConsumer<String, String> stockChanges = atTheEndOf(STOCK_CHANGED)) {
            // when
            var bought = gateway.postJson(
                    "/api/inventory/products/" + productId + "/purchases",
                    token,
                    Map.of("quantity", 1, "strategy", "PESSIMISTIC"),
                    Map.of(
                            "Idempotency-Key",
                            UUID.randomUUID().toString(),
                            "traceparent",
                            "00-" + traceId + "-a2fb4a1d1a96d312-01"));
            assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);

            // then the caller is told its trace, and the event about the sale is part of it
            assertThat(bought.headers().firstValue("traceparent"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("00-" + traceId + "-"));
            assertThat(traceparentOfTheEventFor(stockChanges, Long.toString(productId)))
                    .startsWith("00-" + traceId + "-");
        }
    }

    private static KafkaConsumer<String, String> atTheEndOf(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the end before the purchase
        return consumer;
    }

    /** The traceparent of the first event for {@code key} that is not the product's creation. */
    private static String traceparentOfTheEventFor(KafkaConsumer<String, String> consumer, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key()) && record.value().contains("\"PURCHASE\"")) {
                    Header header = record.headers().lastHeader("traceparent");
                    assertThat(header).as("traceparent header on " + record).isNotNull();
                    return new String(header.value(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no PURCHASE event for product " + key + " on " + STOCK_CHANGED + " within 30 s");
    }
}
