package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.testsupport.TopicTail;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
        try (TopicTail stockChanges = TopicTail.of(KAFKA, STOCK_CHANGED)) {
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
            ConsumerRecord<String, String> sale = stockChanges
                    .first(
                            record -> record.key().equals(Long.toString(productId))
                                    && record.value().contains("\"PURCHASE\""),
                            Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError(
                            "no PURCHASE event for product " + productId + " on " + STOCK_CHANGED + " within 30 s"));
            String traceparent = TopicTail.header(sale, "traceparent");
            assertThat(traceparent).as("traceparent header on " + sale).isNotNull();
            assertThat(traceparent).startsWith("00-" + traceId + "-");
        }
    }
}
