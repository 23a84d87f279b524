package dev.syspatterns.realtime.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** The JSON frames the server sends on {@code /ws/realtime}; each carries its {@code type}. */
final class Frames {

    private Frames() {}

    /**
     * The server's first frame on every socket. A client sends its own first frame only after it: a proxy in
     * between (the gateway) may accept the upgrade before it has connected upstream, and a frame sent in that
     * moment can be lost; this one can only arrive once the whole path is open.
     */
    record Welcome(String type, int maxFrameBytes) {
        Welcome(int maxFrameBytes) {
            this("welcome", maxFrameBytes);
        }
    }

    record Subscribed(String type, String channel, String epoch, long after) {
        Subscribed(String channel, String epoch, long after) {
            this("subscribed", channel, epoch, after);
        }
    }

    record Unsubscribed(String type, String channel) {
        Unsubscribed(String channel) {
            this("unsubscribed", channel);
        }
    }

    record Message(String type, String channel, String epoch, long offset, Instant publishedAt, JsonNode data) {
        Message(String channel, String epoch, long offset, Instant publishedAt, JsonNode data) {
            this("message", channel, epoch, offset, publishedAt, data);
        }
    }

    record Published(String type, String channel, String epoch, long offset) {
        Published(String channel, String epoch, long offset) {
            this("published", channel, epoch, offset);
        }
    }

    record HistoryLost(
            String type, String channel, String epoch, long requestedSince, long earliestOffset, long latestOffset) {
        HistoryLost(String channel, String epoch, long requestedSince, long earliestOffset, long latestOffset) {
            this("history-lost", channel, epoch, requestedSince, earliestOffset, latestOffset);
        }
    }

    record Pong(String type) {
        Pong() {
            this("pong");
        }
    }

    /**
     * @param code a stable token a client can switch on ({@code unknown-type}, {@code invalid-channel},
     *     {@code payload-too-large}, {@code slow-consumer}, ...)
     * @param resumeFrom for {@code slow-consumer}: the offset to resubscribe after
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String code, String message, String channel, Long resumeFrom) {
        Error(String code, String message, String channel) {
            this("error", code, message, channel, null);
        }

        Error(String code, String message, String channel, long resumeFrom) {
            this("error", code, message, channel, resumeFrom);
        }
    }
}
