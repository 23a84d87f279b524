package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Concurrent publishers on one channel: one order for everyone, every message once. */
class ChannelOrderingTest extends RealtimeIntegrationTest {

    static final int PUBLISHERS = 8;
    static final int EACH = 25;
    static final int TOTAL = PUBLISHERS * EACH;

    @Test
    void concurrentPublishersGetDistinctConsecutiveOffsetsDeliveredInOrderWithoutDuplicates() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("ordering");
        try (SseTestClient subscriber =
                        SseTestClient.connect(http, channel, null).awaitSubscribed();
                WebSocketTestClient socket = WebSocketTestClient.connect(http)) {
            socket.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            socket.next("subscribed");

            List<Long> assigned = publishConcurrently(channel);

            assertThat(assigned).doesNotHaveDuplicates().hasSize(TOTAL);
            assertThat(assigned)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(1, TOTAL).boxed().toList());

            List<SseTestClient.Event> received = subscriber.take(TOTAL, Duration.ofSeconds(60));
            assertThat(received)
                    .extracting(SseTestClient.Event::offset)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, TOTAL).boxed().toList());
            assertThat(subscriber.take(1, Duration.ofMillis(500)))
                    .as("no duplicates")
                    .isEmpty();
            assertEachPublishersOrderKept(
                    received.stream().map(e -> e.data().get("data")).toList());

            List<JsonNode> overSocket = socket.next("message", TOTAL);
            assertThat(overSocket)
                    .extracting(f -> f.get("offset").asLong())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, TOTAL).boxed().toList());
            socket.assertPongIsNextFrame(); // no duplicates

            JsonNode history = http.json(http.get("/api/realtime/channels/" + channel + "/messages?since=0"));
            assertThat(history.get("messages")
                            .valueStream()
                            .map(m -> m.get("offset").asLong()))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, TOTAL).boxed().toList());
        }
    }

    private List<Long> publishConcurrently(String channel) throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Long>>> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                publishers.add(pool.submit(() -> IntStream.range(0, EACH)
                        .mapToObj(seq -> http.publish(channel, "{\"publisher\":" + publisher + ",\"seq\":" + seq + "}"))
                        .toList()));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : publishers) {
                all.addAll(f.get());
            }
            return all;
        }
    }

    /** Each publisher published sequentially, so its own messages must appear in its own order. */
    private static void assertEachPublishersOrderKept(List<JsonNode> data) {
        Map<Integer, List<Integer>> byPublisher = data.stream()
                .collect(Collectors.groupingBy(
                        d -> d.get("publisher").asInt(),
                        Collectors.mapping(d -> d.get("seq").asInt(), Collectors.toList())));
        assertThat(byPublisher).hasSize(PUBLISHERS);
        byPublisher
                .values()
                .forEach(seqs -> assertThat(seqs)
                        .containsExactlyElementsOf(
                                IntStream.range(0, EACH).boxed().toList()));
    }
}
