package dev.syspatterns.realtime;

import dev.syspatterns.events.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything realtime-service can be tuned by, with defaults that run on a laptop.
 *
 * @param messagesTopic the Kafka topic every instance consumes to push messages to its own subscribers
 * @param maxPayloadBytes the largest {@code data} a message may carry, as serialized JSON
 */
@ConfigurationProperties(prefix = "platform.realtime")
@Validated
public record RealtimeProperties(
        @DefaultValue("realtime.messages") @NotBlank String messagesTopic,
        @DefaultValue("65536") @Min(16) int maxPayloadBytes,
        @DefaultValue @Valid History history,
        @DefaultValue @Valid Subscriber subscriber,
        @DefaultValue @Valid LongPoll longPoll,
        @DefaultValue @Valid Sse sse,
        @DefaultValue @Valid WebSocket websocket,
        @DefaultValue @Valid Presence presence,
        @DefaultValue @Valid Ingest ingest) {

    /**
     * How much of each channel is kept for clients that reconnect.
     *
     * @param maxMessages the newest messages kept per channel
     * @param maxAge messages older than this are dropped even when under {@code maxMessages}
     * @param idleTtl a channel nobody publishes to for this long is forgotten; its next message starts a new epoch
     * @param maxPage the most messages one poll or catch-up read returns at once
     */
    public record History(
            @DefaultValue("1000") @Min(1) int maxMessages,
            @DefaultValue("1h") @NotNull Duration maxAge,
            @DefaultValue("7d") @NotNull Duration idleTtl,
            @DefaultValue("500") @Min(1) int maxPage) {}

    /**
     * One live subscription (an SSE stream or a channel on a WebSocket).
     *
     * @param bufferSize messages that may wait for a slow client before it is disconnected with a reason
     * @param heartbeat how often an idle connection gets a heartbeat so proxies keep it open
     */
    public record Subscriber(
            @DefaultValue("256") @Min(1) int bufferSize,
            @DefaultValue("15s") @NotNull Duration heartbeat) {}

    /**
     * @param defaultTimeout how long a long poll waits when the client does not say
     * @param maxTimeout the longest wait a client may ask for
     */
    public record LongPoll(
            @DefaultValue("25s") @NotNull Duration defaultTimeout,
            @DefaultValue("60s") @NotNull Duration maxTimeout) {}

    /**
     * @param maxConnectionTime a stream is closed after this long; the client reconnects with Last-Event-ID
     * @param retry the reconnect delay suggested to EventSource clients
     */
    public record Sse(
            @DefaultValue("30m") @NotNull Duration maxConnectionTime,
            @DefaultValue("2s") @NotNull Duration retry) {}

    /**
     * @param publishAllowed whether clients may publish over the socket
     * @param maxFrameBytes the largest client frame (in characters) assembled; larger ones close the socket
     *     (1009). Held only while such a frame arrives, never per idle socket: keep it a little above
     *     max-payload-bytes so an oversized payload gets an error frame rather than a closed socket
     * @param sendTimeLimit a send that blocks this long on a stuck client closes its socket
     * @param sendBufferBytes bytes queued for one socket before it is closed as too slow
     * @param allowedOrigins origins browsers may open the socket from
     */
    public record WebSocket(
            @DefaultValue("true") boolean publishAllowed,
            @DefaultValue("98304") @Min(1024) int maxFrameBytes,
            @DefaultValue("10s") @NotNull Duration sendTimeLimit,
            @DefaultValue("1048576") @Min(1024) int sendBufferBytes,
            @DefaultValue("*") @NotEmpty List<String> allowedOrigins) {}

    /**
     * @param heartbeat how often an instance says it is alive and refreshes its counts
     * @param instanceTtl counts of an instance silent for this long are ignored (it crashed)
     */
    public record Presence(
            @DefaultValue("5s") @NotNull Duration heartbeat,
            @DefaultValue("15s") @NotNull Duration instanceTtl) {}

    /**
     * Other services' events, pushed to the channel named by their {@code channel} field. One consumer group
     * shared by all instances, so each event is ingested once.
     *
     * @param topics the topics ingested; the one place that maps services' events into realtime
     */
    public record Ingest(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("realtime-ingest") @NotBlank String groupId,

            @DefaultValue({
                Topics.STOCK_CHANGED,
                Topics.JOB_UPDATED,
                Topics.ORDER_UPDATED,
                Topics.DRIVER_LOCATED,
                Topics.MEDIA_UPLOADED
            })
            @NotEmpty
            List<String> topics,

            @DefaultValue("latest") @NotBlank String autoOffsetReset,
            @DefaultValue("2") @Min(1) @Max(64) int concurrency) {}
}
