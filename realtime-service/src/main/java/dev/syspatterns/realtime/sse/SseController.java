package dev.syspatterns.realtime.sse;

import dev.syspatterns.realtime.RealtimeProperties;
import dev.syspatterns.realtime.channel.ChannelName;
import dev.syspatterns.realtime.fanout.LocalSubscribers;
import dev.syspatterns.realtime.fanout.Subscription;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-Sent Events: one long HTTP response per client, each event's {@code id} is the message offset,
 * so a browser's EventSource resumes by itself (it sends {@code Last-Event-ID} when it reconnects).
 */
@RestController
class SseController {

    private final LocalSubscribers subscribers;
    private final JsonMapper json;
    private final RealtimeProperties.Sse settings;

    SseController(LocalSubscribers subscribers, JsonMapper json, RealtimeProperties properties) {
        this.subscribers = subscribers;
        this.json = json;
        this.settings = properties.sse();
    }

    @Operation(
            summary = "Server-Sent Events of a channel; resumes after Last-Event-ID (or since) without gaps or"
                    + " duplicates")
    @GetMapping(path = "/api/realtime/channels/{channel}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @PathVariable String channel,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) @Min(0) Long since) {
        ChannelName.require(channel);
        Long resumeAfter = since;
        if (lastEventId != null && !lastEventId.isBlank()) {
            // what the browser sends on its own when it reconnects wins over the URL it first opened
            resumeAfter = parseLastEventId(lastEventId);
        }
        SseEmitter emitter = new SseEmitter(settings.maxConnectionTime().toMillis());
        Subscription subscription = subscribers.subscribe(channel, resumeAfter, new SseSink(emitter, json, settings));
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(e -> subscription.close());
        return emitter;
    }

    private static long parseLastEventId(String value) {
        try {
            long offset = Long.parseLong(value.trim());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidLastEventId(value);
    }
}
