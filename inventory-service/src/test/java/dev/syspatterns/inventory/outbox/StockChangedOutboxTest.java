package dev.syspatterns.inventory.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.events.Topics;
import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryServiceTest;
import dev.syspatterns.testsupport.TopicTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Committed stock changes reach Kafka through the outbox; refused ones leave nothing behind. */
@InventoryServiceTest
class StockChangedOutboxTest {

    @Value("${local.server.port}")
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    private TopicTail stockChangesFromNow() {
        return TopicTail.of(bootstrapServers, Topics.STOCK_CHANGED);
    }

    @Test
    void everyCommittedStockChangeIsPublishedKeyedByProduct() {
        InventoryApi api = new InventoryApi(port);
        long warmup = api.createProduct("Topic exists", 1); // makes sure the topic exists before we listen
        try (TopicTail consumer = stockChangesFromNow()) {
            // given a product, when it is bought and then refused for lack of stock
            long id = api.createProduct("Published", 3);
            assertThat(api.purchase(id, 2, "PESSIMISTIC", UUID.randomUUID().toString())
                            .status())
                    .isEqualTo(201);
            assertThat(api.purchase(id, 5, "PESSIMISTIC", UUID.randomUUID().toString())
                            .status())
                    .isEqualTo(409);

            // then Kafka carries the creation and the sale, in order, under the product's key, and nothing else
            List<JsonNode> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (events.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(Long.toString(id))) {
                        events.add(json.readTree(record.value()));
                    }
                }
            }
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (record.key().equals(Long.toString(id))) {
                    events.add(json.readTree(record.value()));
                }
            });
            assertThat(events).extracting(e -> e.get("reason").asString()).containsExactly("CREATED", "PURCHASE");
            assertThat(events).extracting(e -> e.get("stock").asInt()).containsExactly(3, 1);
            assertThat(events).extracting(e -> e.get("version").asLong()).containsExactly(0L, 1L);
            assertThat(events.getLast().get("channel").asString()).isEqualTo("product." + id);
        }
        assertThat(warmup).isPositive();
    }

    @Test
    void theRelayedEventContinuesTheTraceOfThePurchaseThatWroteIt() {
        InventoryApi api = new InventoryApi(port);
        long id = api.createProduct("Traced", 3);
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        try (TopicTail consumer = stockChangesFromNow()) {
            // when a purchase arrives with the caller's trace context (as the gateway forwards it)
            assertThat(api.post(
                                    "/api/inventory/products/" + id + "/purchases",
                                    Map.of("quantity", 1, "strategy", "PESSIMISTIC"),
                                    "Idempotency-Key",
                                    UUID.randomUUID().toString(),
                                    "traceparent",
                                    "00-" + traceId + "-b7ad6b7169203331-01")
                            .status())
                    .isEqualTo(201);

            // then its StockChanged, sent later by the relay on a thread of its own, is in the same trace
            // (the product's CREATED event may be relayed after the tail opens: it has a trace of its own)
            ConsumerRecord<String, String> event = consumer.first(
                            record -> record.key().equals(Long.toString(id))
                                    && json.readTree(record.value())
                                            .get("reason")
                                            .asString()
                                            .equals("PURCHASE"),
                            Duration.ofSeconds(20))
                    .orElseThrow(() -> new AssertionError("no PURCHASE event for product " + id + " within 20 s"));
            String traceparent = TopicTail.header(event, "traceparent");
            assertThat(traceparent).as("traceparent header").isNotNull();
            assertThat(traceparent).startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void refusedChangeWritesNoOutboxRow() {
        InventoryApi api = new InventoryApi(port);
        long id = api.createProduct("Nothing to tell", 1);
        long before = outboxRowsFor(id);

        assertThat(api.purchase(id, 2, "OPTIMISTIC", UUID.randomUUID().toString())
                        .status())
                .isEqualTo(409);

        // rows may already have been relayed (deleted), so compare with what was there before
        assertThat(outboxRowsFor(id)).isLessThanOrEqualTo(before);
    }

    private long outboxRowsFor(long productId) {
        return jdbc.sql("select count(*) from outbox_event where event_key = ?")
                .param(Long.toString(productId))
                .query(Long.class)
                .single();
    }
}
