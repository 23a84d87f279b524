package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.events.StockChanged;
import dev.syspatterns.events.Topics;
import dev.syspatterns.testsupport.Infrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service (two application contexts on their own ports, one Kafka, one Redis), as
 * behind a load balancer: whatever instance a client talks to, it sees the same channel.
 */
class CrossInstanceFanoutTest {

    static ConfigurableApplicationContext instanceA;
    static ConfigurableApplicationContext instanceB;
    static RealtimeHttp a;
    static RealtimeHttp b;

    @BeforeAll
    static void startTwoInstances() throws InterruptedException {
        // A group of this run's own: both instances share it (as deployed instances share realtime-ingest),
        // and it skips the backlog other teams' tests left on the shared topics since the last run.
        String ingestGroup = "realtime-ingest-test-" + UUID.randomUUID();
        instanceA = start(ingestGroup);
        instanceB = start(ingestGroup);
        a = httpOf(instanceA);
        b = httpOf(instanceB);
        a.awaitReady(Duration.ofSeconds(60));
        b.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopInstances() {
        if (instanceA != null) {
            instanceA.close();
        }
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    void aMessagePublishedOnOneInstanceReachesSseWebSocketAndLongPollClientsOnTheOther() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("fanout");
        try (SseTestClient sseOnB = SseTestClient.connect(b, channel, null).awaitSubscribed();
                WebSocketTestClient socketOnB = WebSocketTestClient.connect(b)) {
            socketOnB.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            socketOnB.next("subscribed");
            CompletableFuture<HttpResponse<String>> longPollOnB = CompletableFuture.supplyAsync(
                    () -> b.get("/api/realtime/channels/" + channel + "/poll?since=0&timeoutSeconds=30"));
            awaitLongPollWaiting(instanceB);

            long offset = a.publish(channel, "{\"price\":42}");

            List<SseTestClient.Event> sse = sseOnB.take(1, Duration.ofSeconds(30));
            assertThat(sse).hasSize(1);
            assertThat(sse.getFirst().id()).isEqualTo(Long.toString(offset));
            assertThat(sse.getFirst().data().get("data").get("price").asInt()).isEqualTo(42);

            JsonNode frame = socketOnB.next("message");
            assertThat(frame.get("channel").asString()).isEqualTo(channel);
            assertThat(frame.get("offset").asLong()).isEqualTo(offset);
            assertThat(frame.get("data").get("price").asInt()).isEqualTo(42);

            HttpResponse<String> polled = longPollOnB.get();
            assertThat(polled.statusCode()).isEqualTo(200);
            assertThat(b.json(polled).get("messages").get(0).get("offset").asLong())
                    .isEqualTo(offset);
        }
    }

    @Test
    void offsetsAndHistoryAreTheSameWhicheverInstanceIsAsked() {
        String channel = RealtimeHttp.uniqueChannel("shared");
        long first = a.publish(channel, "{\"n\":1}");
        long second = b.publish(channel, "{\"n\":2}");
        long third = a.publish(channel, "{\"n\":3}");

        assertThat(List.of(first, second, third)).containsExactly(1L, 2L, 3L);
        JsonNode fromA = a.json(a.get("/api/realtime/channels/" + channel + "/messages?since=0"));
        JsonNode fromB = b.json(b.get("/api/realtime/channels/" + channel + "/messages?since=0"));
        assertThat(fromA.get("messages")).isEqualTo(fromB.get("messages"));
        assertThat(fromA.get("epoch")).isEqualTo(fromB.get("epoch"));
    }

    @Test
    void aClientWhoseOffsetIsOlderThanHistoryIsToldSo() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("trimmed");
        for (int n = 1; n <= 15; n++) {
            a.publish(channel, "{\"n\":" + n + "}"); // history keeps 10 in these instances
        }

        JsonNode page = b.json(b.get("/api/realtime/channels/" + channel + "/messages?since=2"));
        assertThat(page.get("historyLost").asBoolean()).isTrue();
        assertThat(page.get("earliestOffset").asLong()).isEqualTo(6);
        assertThat(page.get("messages").get(0).get("offset").asLong()).isEqualTo(6);

        try (SseTestClient sse = SseTestClient.connect(b, channel, "2").awaitSubscribed()) {
            List<SseTestClient.Event> events = sse.take(11, Duration.ofSeconds(30));
            assertThat(events.getFirst().name()).isEqualTo("history-lost");
            assertThat(events.getFirst().data().get("earliestOffset").asLong()).isEqualTo(6);
            assertThat(events.subList(1, 11))
                    .extracting(SseTestClient.Event::id)
                    .containsExactly("6", "7", "8", "9", "10", "11", "12", "13", "14", "15");
        }
    }

    @Test
    void presenceCountsSubscribersOnEveryInstance() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("presence");
        try (SseTestClient onA = SseTestClient.connect(a, channel, null).awaitSubscribed();
                SseTestClient onB = SseTestClient.connect(b, channel, null).awaitSubscribed();
                WebSocketTestClient socketOnB = WebSocketTestClient.connect(b)) {
            socketOnB.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            socketOnB.next("subscribed");

            assertThat(presence(a, channel)).isEqualTo(3);
            assertThat(presence(b, channel)).isEqualTo(3);

            socketOnB.send("{\"type\":\"unsubscribe\",\"channel\":\"" + channel + "\"}");
            socketOnB.next("unsubscribed");
            assertThat(presence(a, channel)).isEqualTo(2);
        }
    }

    @Test
    void ingestsEachServiceEventOnceAcrossInstancesAndPushesItToItsChannel() throws Exception {
        long productId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        String channel = "product." + productId;
        String key = Long.toString(productId);
        try (KafkaProducer<String, String> producer = producer();
                SseTestClient sseOnB = SseTestClient.connect(b, channel, null).awaitSubscribed()) {
            awaitIngestPositionedFor(producer, key);

            send(producer, key, StockChanged.of(productId, "SKU-" + productId, 7, 3, "purchase"));
            send(producer, key, StockChanged.of(productId, "SKU-" + productId, 6, 4, "purchase"));

            List<SseTestClient.Event> pushed = sseOnB.take(2, Duration.ofSeconds(30));
            assertThat(pushed)
                    .extracting(e -> e.data().get("data").get("stock").asInt())
                    .containsExactly(7, 6);
            assertThat(pushed)
                    .extracting(e -> e.data().get("data").get("channel").asString())
                    .containsOnly(channel);
            JsonNode history = a.json(a.get("/api/realtime/channels/" + channel + "/messages?since=0"));
            assertThat(history.get("latestOffset").asLong())
                    .as("each event ingested once")
                    .isEqualTo(2);
        }
    }

    /**
     * A fresh ingest group starts at the end of each partition once it is assigned: a warm-up event on the
     * same partition (same key) to another channel proves the group reads that partition from now on.
     */
    private void awaitIngestPositionedFor(KafkaProducer<String, String> producer, String key) throws Exception {
        long warmUpId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        String warmUpChannel = "product." + warmUpId;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            send(producer, key, StockChanged.of(warmUpId, "warm-up", 0, 0, "warm-up"));
            Thread.sleep(500);
            if (a.json(a.get("/api/realtime/channels/" + warmUpChannel + "/messages?since=0"))
                            .get("latestOffset")
                            .asLong()
                    > 0) {
                return;
            }
        }
        throw new AssertionError("the ingest group never consumed the warm-up event");
    }

    private static void send(KafkaProducer<String, String> producer, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.STOCK_CHANGED, key, RealtimeHttp.JSON.writeValueAsString(event)))
                .get();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private static long presence(RealtimeHttp http, String channel) {
        return http.json(http.get("/api/realtime/channels/" + channel + "/presence"))
                .get("subscribers")
                .asLong();
    }

    private static void awaitLongPollWaiting(ConfigurableApplicationContext instance) throws InterruptedException {
        var meters = instance.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (meters.get("realtime.longpoll.waiting").gauge().value() < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the long poll never started waiting");
            }
            Thread.sleep(20);
        }
    }

    private static ConfigurableApplicationContext start(String ingestGroup) {
        Infrastructure infra = Infrastructure.get();
        // Command-line arguments, so they win over application.yml (builder properties are only defaults).
        return new SpringApplicationBuilder(RealtimeApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.data.redis.host=" + infra.redis().host(),
                        "--spring.data.redis.port=" + infra.redis().port(),
                        "--spring.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                        "--platform.realtime.history.max-messages=10",
                        "--platform.realtime.ingest.group-id=" + ingestGroup,
                        "--platform.realtime.presence.heartbeat=1s");
    }

    private static RealtimeHttp httpOf(ConfigurableApplicationContext context) {
        return new RealtimeHttp(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
