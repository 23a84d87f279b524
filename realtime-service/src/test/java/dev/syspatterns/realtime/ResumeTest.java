package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A client that disconnects and comes back with its last offset gets exactly what it missed, in order. */
class ResumeTest extends RealtimeIntegrationTest {

    @Test
    void sseReconnectWithLastEventIdGetsExactlyTheTwentyMissedMessages() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("resume-sse");
        long lastSeen;
        try (SseTestClient client = SseTestClient.connect(http, channel, null).awaitSubscribed()) {
            http.publish(channel, "{\"n\":0}");
            List<SseTestClient.Event> first = client.take(1, Duration.ofSeconds(30));
            assertThat(first).hasSize(1);
            lastSeen = Long.parseLong(first.getFirst().id());
        }

        List<Long> published = publishTwenty(channel);

        try (SseTestClient again =
                SseTestClient.connect(http, channel, Long.toString(lastSeen)).awaitSubscribed()) {
            List<SseTestClient.Event> missed = again.take(20, Duration.ofSeconds(30));
            assertThat(missed).extracting(e -> Long.parseLong(e.id())).containsExactlyElementsOf(published);
            assertThat(missed)
                    .extracting(e -> e.data().get("data").get("n").asInt())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 20)
                            .boxed()
                            .map(Long::intValue)
                            .toList());
            assertThat(again.take(1, Duration.ofMillis(500)))
                    .as("no duplicates or extras")
                    .isEmpty();
        }
    }

    @Test
    void webSocketSubscribeWithSinceGetsExactlyTheTwentyMissedMessages() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("resume-ws");
        long lastSeen;
        try (WebSocketTestClient client = WebSocketTestClient.connect(http)) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            client.next("subscribed");
            http.publish(channel, "{\"n\":0}");
            lastSeen = client.next("message").get("offset").asLong();
        }

        List<Long> published = publishTwenty(channel);

        try (WebSocketTestClient again = WebSocketTestClient.connect(http)) {
            again.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"since\":" + lastSeen + "}");
            List<JsonNode> missed = again.next("message", 20);
            assertThat(missed).extracting(f -> f.get("offset").asLong()).containsExactlyElementsOf(published);
            again.assertPongIsNextFrame(); // no duplicates or extras
        }
    }

    @Test
    void longPollWithSinceReturnsExactlyTheTwentyMissedMessages() {
        String channel = RealtimeHttp.uniqueChannel("resume-poll");
        long lastSeen = http.publish(channel, "{\"n\":0}");

        List<Long> published = publishTwenty(channel);

        HttpResponse<String> response =
                http.get("/api/realtime/channels/" + channel + "/poll?since=" + lastSeen + "&timeoutSeconds=5");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = http.json(response);
        assertThat(page.get("historyLost").asBoolean()).isFalse();
        assertThat(page.get("messages").valueStream().map(m -> m.get("offset").asLong()))
                .containsExactlyElementsOf(published);
    }

    @Test
    void longPollTimesOutWithNoContentWhenNothingNewExists() {
        String channel = RealtimeHttp.uniqueChannel("resume-idle");
        long offset = http.publish(channel, "{\"n\":0}");

        HttpResponse<String> response =
                http.get("/api/realtime/channels/" + channel + "/poll?since=" + offset + "&timeoutSeconds=1");

        assertThat(response.statusCode()).isEqualTo(204);
    }

    private List<Long> publishTwenty(String channel) {
        return LongStream.rangeClosed(1, 20)
                .map(n -> http.publish(channel, "{\"n\":" + n + "}"))
                .boxed()
                .toList();
    }
}
