package dev.syspatterns.realtime.polling;

import dev.syspatterns.realtime.RealtimeProperties;
import dev.syspatterns.realtime.channel.ChannelLog;
import dev.syspatterns.realtime.channel.ChannelName;
import dev.syspatterns.realtime.channel.HistoryPage;
import dev.syspatterns.realtime.fanout.LocalSubscribers;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Short polling (answer now, possibly empty) and long polling (answer as soon as something newer exists,
 * or 204 at the timeout). Both read the shared history, so a client may poll any instance. A waiting long
 * poll is a {@link DeferredResult}: it holds no thread, only a callback on this instance's fan-out.
 */
@RestController
class PollingController {

    private final ChannelLog history;
    private final LocalSubscribers subscribers;
    private final RealtimeProperties.LongPoll settings;
    // Completing a poll reads Redis: never on the fan-out consumer's thread.
    private final Executor completions = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("long-poll-", 0).factory());

    PollingController(ChannelLog history, LocalSubscribers subscribers, RealtimeProperties properties) {
        this.history = history;
        this.subscribers = subscribers;
        this.settings = properties.longPoll();
    }

    @Operation(summary = "Short polling: the messages after an offset, immediately (possibly none)")
    @GetMapping("/api/realtime/channels/{channel}/messages")
    HistoryPage messages(@PathVariable String channel, @RequestParam(defaultValue = "0") @Min(0) long since) {
        ChannelName.require(channel);
        return history.after(channel, since);
    }

    @Operation(summary = "Long polling: returns as soon as a message after the offset exists, or 204 at the timeout")
    @GetMapping("/api/realtime/channels/{channel}/poll")
    DeferredResult<ResponseEntity<HistoryPage>> poll(
            @PathVariable String channel,
            @RequestParam(defaultValue = "0") @Min(0) long since,
            @RequestParam(required = false) @Min(1) Integer timeoutSeconds) {
        ChannelName.require(channel);
        Duration timeout = timeout(timeoutSeconds);
        DeferredResult<ResponseEntity<HistoryPage>> result = new DeferredResult<>(
                timeout.toMillis(), ResponseEntity.noContent().build());
        // Wait first, then look: a message published between the two still wakes us.
        CompletableFuture<Void> woken = subscribers.awaitAfter(channel, since);
        result.onCompletion(() -> woken.cancel(false));
        HistoryPage page = history.after(channel, since);
        if (!page.messages().isEmpty() || page.historyLost()) {
            result.setResult(ResponseEntity.ok(page));
        } else {
            woken.thenRunAsync(() -> result.setResult(ResponseEntity.ok(history.after(channel, since))), completions);
        }
        return result;
    }

    private Duration timeout(Integer seconds) {
        if (seconds == null) {
            return settings.defaultTimeout();
        }
        Duration asked = Duration.ofSeconds(seconds);
        if (asked.compareTo(settings.maxTimeout()) > 0) {
            throw new LongPollTimeoutTooLong(seconds, settings.maxTimeout());
        }
        return asked;
    }
}
