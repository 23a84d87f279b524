package dev.syspatterns.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.GatewayIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StreamingTest extends GatewayIntegrationTest {

    @Test
    void serverSentEventsStreamThroughWithoutBuffering() throws Exception {
        // given: an EventSource-style request, token in the query string
        String token = tokenFor(newUser());
        HttpRequest request = HttpRequest.newBuilder(
                        gateway("/api/realtime/sse?channel=product.1&access_token=" + token))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(20))
                .build();

        // when
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = response.body().iterator();

        // then: the first event arrives while the service still holds the stream open
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(lines.next()).isEqualTo("data: first");
        assertThat(REALTIME.sseFinished()).isFalse();

        REALTIME.releaseSse();
        assertThat(lines.next()).isEmpty();
        assertThat(lines.next()).isEqualTo("data: last");
    }

    @Test
    void webSocketUpgradesPassThroughWithTheUserId() throws Exception {
        // given
        String user = newUser();
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch twoMessages = new CountDownLatch(2);
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                received.add(data.toString());
                twoMessages.countDown();
                socket.request(1);
                return CompletableFuture.completedFuture(null);
            }
        };

        // when: a browser-style upgrade with the token as a query parameter
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + port + "/ws/realtime?access_token=" + tokenFor(user)), listener)
                .get(10, TimeUnit.SECONDS);
        socket.sendText("hello", true).get(5, TimeUnit.SECONDS);

        // then
        assertThat(twoMessages.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(received).containsExactly("user=" + user, "realtime echo:hello");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void webSocketUpgradeWithoutTokenIsRefused() {
        CompletableFuture<WebSocket> upgrade = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/realtime"), new WebSocket.Listener() {});

        assertThat(upgrade)
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        refused ->
                                assertThat(refused.getResponse().statusCode()).isEqualTo(401));
    }
}
