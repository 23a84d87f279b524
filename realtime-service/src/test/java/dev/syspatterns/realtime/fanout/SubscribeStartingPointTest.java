package dev.syspatterns.realtime.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.realtime.RealtimeHttp;
import dev.syspatterns.realtime.RealtimeIntegrationTest;
import dev.syspatterns.realtime.channel.ChannelMessage;
import dev.syspatterns.realtime.channel.HistoryPage;
import dev.syspatterns.realtime.channel.MessagePublisher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that subscribes without an offset gets what is published after it subscribed: once it counts in
 * presence, a publisher may rely on it hearing the next message. (The starting offset used to be read on the
 * subscription's own thread, a moment later: a message published in that moment was skipped.)
 */
class SubscribeStartingPointTest extends RealtimeIntegrationTest {

    static final int ROUNDS = 50;

    @Autowired
    LocalSubscribers subscribers;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    JsonMapper json;

    @Test
    void aMessagePublishedAsSoonAsSubscribeReturnsIsDelivered() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String channel = RealtimeHttp.uniqueChannel("start");
            publisher.publish(channel, json.readTree("{\"n\":0}"), "test");
            FirstMessage sink = new FirstMessage();
            Subscription subscription = subscribers.subscribe(channel, null, sink);
            try {
                publisher.publish(channel, json.readTree("{\"n\":1}"), "test");

                ChannelMessage first = sink.first.get(30, TimeUnit.SECONDS);
                assertThat(first.offset()).as("round %d", round).isEqualTo(2);
                assertThat(sink.startedAfter.getNow(-1L)).as("round %d", round).isEqualTo(1);
            } finally {
                subscription.close();
            }
        }
    }

    /** Remembers where the subscription started and the first message it delivered. */
    static final class FirstMessage implements SubscriberSink {
        final CompletableFuture<Long> startedAfter = new CompletableFuture<>();
        final CompletableFuture<ChannelMessage> first = new CompletableFuture<>();

        @Override
        public String transport() {
            return "test";
        }

        @Override
        public void started(String channel, String epoch, long after) {
            startedAfter.complete(after);
        }

        @Override
        public void send(ChannelMessage message) {
            first.complete(message);
        }

        @Override
        public void historyLost(HistoryPage page, long requestedSince) {}

        @Override
        public void heartbeat() {}

        @Override
        public void tooSlow(String channel, long resumeFrom) {}
    }
}
