package dev.syspatterns.realtime.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.realtime.RealtimeHttp;
import dev.syspatterns.realtime.RealtimeIntegrationTest;
import dev.syspatterns.realtime.SseTestClient;
import dev.syspatterns.realtime.channel.ChannelMessage;
import dev.syspatterns.realtime.channel.HistoryPage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A client that stops reading is cut off with the offset to resume from; the others do not notice. */
class SlowSubscriberTest extends RealtimeIntegrationTest {

    static final int MESSAGES = 300; // the buffer holds 256

    @Autowired
    LocalSubscribers subscribers;

    @Test
    void aClientThatFallsTooFarBehindIsDisconnectedWithItsResumeOffsetWhileOthersGetEverything() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("slow");
        StuckSink stuck = new StuckSink();
        try (SseTestClient healthy = SseTestClient.connect(http, channel, null).awaitSubscribed()) {
            Subscription slow = subscribers.subscribe(channel, null, stuck);
            assertThat(stuck.started.await(30, TimeUnit.SECONDS)).isTrue();

            for (int n = 1; n <= MESSAGES; n++) {
                http.publish(channel, "{\"n\":" + n + "}");
            }

            List<SseTestClient.Event> received = healthy.take(MESSAGES, Duration.ofSeconds(60));
            assertThat(received)
                    .extracting(SseTestClient.Event::offset)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, MESSAGES).boxed().toList());

            stuck.release.countDown();
            assertThat(stuck.resumeFrom.get(30, TimeUnit.SECONDS))
                    .as("resume after the last message the slow client got")
                    .isEqualTo(1L);
            // tooSlow() is told before the subscription finishes closing: give it a moment on a busy machine
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!slow.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(slow.isClosed()).isTrue();
            assertThat(http.json(http.get("/api/realtime/channels/" + channel + "/presence"))
                            .get("onThisInstance")
                            .asLong())
                    .isEqualTo(1);
        }
    }

    /** A client whose connection stalls on the first message until released. */
    static final class StuckSink implements SubscriberSink {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CompletableFuture<Long> resumeFrom = new CompletableFuture<>();

        @Override
        public String transport() {
            return "test";
        }

        @Override
        public void started(String channel, String epoch, long after) {
            started.countDown();
        }

        @Override
        public void send(ChannelMessage message) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void historyLost(HistoryPage page, long requestedSince) {}

        @Override
        public void heartbeat() {}

        @Override
        public void tooSlow(String channel, long resumeFrom) {
            this.resumeFrom.complete(resumeFrom);
        }
    }
}
