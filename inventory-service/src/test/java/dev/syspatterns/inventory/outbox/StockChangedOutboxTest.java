package dev.syspatterns.inventory.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.events.Topics;
import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryServiceTest;
import dev.syspatterns.testsupport.TopicTail;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Committed stock changes reach Kafka through the outbox, even when no relay could send them at commit time;
 * refused ones leave nothing behind.
 */
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

    @Autowired
    DataSource dataSource;

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
            consumer.withKey(Long.toString(id), 2, Duration.ofSeconds(20))
                    .forEach(record -> events.add(json.readTree(record.value())));
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
    void changesCommittedWhileNoRelayCanSendWaitInTheOutboxAndArePublishedWhenOneCan() throws Exception {
        InventoryApi api = new InventoryApi(port);
        api.createProduct("Topic exists", 1); // makes sure the topic exists before we listen
        try (TopicTail consumer = stockChangesFromNow();
                Connection relayLock = dataSource.getConnection()) {
            // given no relay can run (this session holds the relay lock, as if the relaying instance had crashed
            // right after its commit): what is committed now must wait in the outbox, not be lost
            relayLock.setAutoCommit(false);
            try (PreparedStatement lock = relayLock.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK_ID);
                lock.execute();
            }
            long id = api.createProduct("Held back", 2);
            assertThat(api.purchase(id, 1, "PESSIMISTIC", UUID.randomUUID().toString())
                            .status())
                    .isEqualTo(201);
            assertThat(api.purchase(id, 5, "OPTIMISTIC", UUID.randomUUID().toString())
                            .status())
                    .isEqualTo(409);

            // then the creation and the sale wait in the outbox (the refusal wrote nothing) and nothing is sent
            assertThat(outboxRowsFor(id)).isEqualTo(2);
            assertThat(consumer.first(record -> record.key().equals(Long.toString(id)), Duration.ofSeconds(1)))
                    .isEmpty();

            // when a relay can run again, both go out, in order, and leave the outbox
            relayLock.rollback();
            assertThat(consumer.withKey(Long.toString(id), 2, Duration.ofSeconds(20)))
                    .extracting(record ->
                            json.readTree(record.value()).get("reason").asString())
                    .containsExactly("CREATED", "PURCHASE");
            // the relay deletes its rows in the transaction that waited for the acks: it commits a moment later
            long rowsDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (outboxRowsFor(id) > 0 && System.nanoTime() < rowsDeadline) {
                Thread.sleep(50);
            }
            assertThat(outboxRowsFor(id)).isZero();
        }
    }

    private long outboxRowsFor(long productId) {
        return jdbc.sql("select count(*) from outbox_event where event_key = ?")
                .param(Long.toString(productId))
                .query(Long.class)
                .single();
    }
}
