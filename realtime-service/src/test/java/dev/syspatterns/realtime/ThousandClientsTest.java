package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Many concurrent SSE clients on one instance (a correctness test: every client gets every message). */
class ThousandClientsTest extends RealtimeIntegrationTest {

    static final int CLIENTS = 1000;
    static final int BURST = 10;

    @Test
    void aThousandSseClientsAllReceiveTheWholeBurstInOrder() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("crowd");
        List<SseTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(SseTestClient.connect(http, channel, null));
            }
            for (SseTestClient client : clients) {
                client.awaitSubscribed();
            }
            assertThat(http.json(http.get("/api/realtime/channels/" + channel + "/presence"))
                            .get("subscribers")
                            .asLong())
                    .isEqualTo(CLIENTS);

            for (int n = 1; n <= BURST; n++) {
                http.publish(channel, "{\"n\":" + n + "}");
            }

            List<Long> expected = LongStream.rangeClosed(1, BURST).boxed().toList();
            try (var readers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<List<SseTestClient.Event>>> received = new ArrayList<>();
                for (SseTestClient client : clients) {
                    received.add(readers.submit(() -> client.take(BURST, Duration.ofSeconds(90))));
                }
                int complete = 0;
                for (Future<List<SseTestClient.Event>> events : received) {
                    assertThat(events.get())
                            .extracting(SseTestClient.Event::offset)
                            .containsExactlyElementsOf(expected);
                    complete++;
                }
                assertThat(complete).isEqualTo(CLIENTS);
            }
        } finally {
            clients.forEach(SseTestClient::close);
        }
    }
}
