package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The container reads client frames through an 8 KiB buffer (so an idle socket stays cheap); frames larger
 * than that arrive in pieces, which the handler assembles up to {@code max-frame-bytes}.
 */
class LargeFrameTest extends RealtimeIntegrationTest {

    @Test
    void aFrameLargerThanTheReadBufferIsAssembledAndPublishedIntact() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("large");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 40_000; i++) {
            text.append(i).append(i % 7 == 0 ? "é" : "-"); // multi-byte characters across piece boundaries
        }
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(http);
                WebSocketTestClient subscriber = WebSocketTestClient.connect(http)) {
            subscriber.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            subscriber.next("subscribed");

            publisher.send(
                    "{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":{\"text\":\"" + text + "\"}}");
            assertThat(publisher.next("published").get("offset").asLong()).isEqualTo(1);

            JsonNode message = subscriber.next("message");
            assertThat(message.get("data").get("text").asString()).isEqualTo(text.toString());

            publisher.send("{\"type\":\"ping\"}");
            assertThat(publisher.next("pong"))
                    .as("the next small frame is read on its own")
                    .isNotNull();
        }
    }

    @Test
    void aFrameBeyondTheFrameLimitClosesItsSocketWith1009AndOnlyThatOne() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("too-large");
        try (WebSocketTestClient offender = WebSocketTestClient.connect(http);
                WebSocketTestClient bystander = WebSocketTestClient.connect(http)) {
            bystander.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            bystander.next("subscribed");

            offender.send(
                    "{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":\"" + "x".repeat(120_000) + "\"}");
            assertThat(offender.awaitCloseCode(Duration.ofSeconds(10))).isEqualTo(1009);

            long offset = http.publish(channel, "{\"after\":\"close\"}");
            assertThat(offset)
                    .as("nothing of the oversized frame was published")
                    .isEqualTo(1);
            assertThat(bystander.next("message").get("offset").asLong()).isEqualTo(offset);
        }
    }
}
