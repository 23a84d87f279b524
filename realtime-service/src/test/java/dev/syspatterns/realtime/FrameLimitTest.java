package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A frame limit below the container's 8 KiB read buffer holds too: a frame that arrives whole, in one piece,
 * is measured against it like one assembled from pieces.
 */
@TestPropertySource(properties = "platform.realtime.websocket.max-frame-bytes=2048")
class FrameLimitTest extends RealtimeIntegrationTest {

    @Test
    void aWholeFrameOverALowLimitClosesItsSocketWith1009() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("low-limit");
        try (WebSocketTestClient socket = WebSocketTestClient.connect(http)) {
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next("pong")).isNotNull();

            socket.send(
                    "{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":\"" + "x".repeat(3_000) + "\"}");
            assertThat(socket.awaitCloseCode(Duration.ofSeconds(10))).isEqualTo(1009);
        }
        assertThat(http.json(http.get("/api/realtime/channels/" + channel + "/messages?since=0"))
                        .get("messages"))
                .as("nothing of it was published")
                .isEmpty();
    }
}
