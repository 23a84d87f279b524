package dev.syspatterns.realtime.sse;

import dev.syspatterns.realtime.RealtimeProperties;
import dev.syspatterns.realtime.channel.ChannelMessage;
import dev.syspatterns.realtime.channel.HistoryPage;
import dev.syspatterns.realtime.fanout.SubscriberSink;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a subscription as SSE events: {@code message} (id = offset, data = the message JSON),
 * {@code history-lost}, {@code disconnect}; heartbeats are comments, which EventSource ignores.
 */
class SseSink implements SubscriberSink {

    private final SseEmitter emitter;
    private final JsonMapper json;
    private final RealtimeProperties.Sse settings;

    SseSink(SseEmitter emitter, JsonMapper json, RealtimeProperties.Sse settings) {
        this.emitter = emitter;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public String transport() {
        return "sse";
    }

    @Override
    public void started(String channel, String epoch, long after) throws IOException {
        // Sent at once so the response (and its headers) reaches the client before any message exists.
        emitter.send(SseEmitter.event()
                .reconnectTime(settings.retry().toMillis())
                .comment("subscribed to " + channel + " after offset " + after));
    }

    @Override
    public void send(ChannelMessage message) throws IOException {
        emitter.send(SseEmitter.event()
                .id(Long.toString(message.offset()))
                .name("message")
                .data(json.writeValueAsString(message), MediaType.APPLICATION_JSON));
    }

    @Override
    public void historyLost(HistoryPage page, long requestedSince) throws IOException {
        emitter.send(SseEmitter.event()
                .name("history-lost")
                .data(
                        json.writeValueAsString(Map.of(
                                "channel", page.channel(),
                                "epoch", page.epoch(),
                                "requestedSince", requestedSince,
                                "earliestOffset", page.earliestOffset(),
                                "latestOffset", page.latestOffset())),
                        MediaType.APPLICATION_JSON));
    }

    @Override
    public void heartbeat() throws IOException {
        emitter.send(SseEmitter.event().comment("heartbeat"));
    }

    @Override
    public void tooSlow(String channel, long resumeFrom) {
        try {
            emitter.send(SseEmitter.event()
                    .name("disconnect")
                    .data(
                            json.writeValueAsString(Map.of(
                                    "reason",
                                    "slow-consumer",
                                    "channel",
                                    channel,
                                    "resumeFrom",
                                    resumeFrom,
                                    "message",
                                    "The client fell too far behind; reconnect with Last-Event-ID " + resumeFrom)),
                            MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            // the client is gone anyway
        } finally {
            emitter.complete();
        }
    }
}
