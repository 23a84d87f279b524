package dev.syspatterns.realtime.fanout;

import dev.syspatterns.realtime.RealtimeProperties;
import dev.syspatterns.realtime.channel.ChannelLog;
import dev.syspatterns.realtime.channel.ChannelMessage;
import dev.syspatterns.realtime.presence.PresenceRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The clients of this instance, by channel: live subscriptions (SSE, WebSocket) and long polls waiting for
 * a message newer than their offset. The fan-out consumer hands every message of the realtime topic here.
 */
@Component
public class LocalSubscribers {

    private record Waiter(long since, CompletableFuture<Void> woken) {}

    private final Map<String, Set<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger subscriptionCount = new AtomicInteger();
    private final AtomicInteger waiterCount = new AtomicInteger();
    private final ChannelLog history;
    private final PresenceRegistry presence;
    private final MeterRegistry meters;
    private final RealtimeProperties.Subscriber settings;

    LocalSubscribers(
            ChannelLog history, PresenceRegistry presence, MeterRegistry meters, RealtimeProperties properties) {
        this.history = history;
        this.presence = presence;
        this.meters = meters;
        this.settings = properties.subscriber();
        meters.gauge("realtime.subscriptions", subscriptionCount);
        meters.gauge("realtime.longpoll.waiting", waiterCount);
    }

    /**
     * Subscribes a client: it first gets what it missed after {@code since} (or only what comes next when
     * {@code since} is null), then every new message, in offset order, on its own virtual thread.
     *
     * <p>"What comes next" means next after this call: the starting offset is read here, before the client is
     * counted in presence, so a publisher that waits for presence cannot publish into a gap.
     */
    public Subscription subscribe(String channel, Long since, SubscriberSink sink) {
        Subscription subscription = new Subscription(
                channel,
                sink,
                history,
                settings.bufferSize(),
                settings.heartbeat(),
                meters.counter("realtime.messages.delivered", "transport", sink.transport()),
                this::unsubscribed);
        subscriptions.compute(channel, (c, set) -> {
            Set<Subscription> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(subscription);
            return members;
        });
        // Registered for live messages before reading the starting point, so nothing falls between.
        long startAfter;
        try {
            startAfter = since != null ? since : history.latestOffset(channel);
        } catch (RuntimeException e) {
            forget(subscription);
            throw e;
        }
        subscriptionCount.incrementAndGet();
        presence.joined(channel);
        subscription.start(startAfter);
        return subscription;
    }

    private void unsubscribed(Subscription subscription) {
        forget(subscription);
        subscriptionCount.decrementAndGet();
        presence.left(subscription.channel());
    }

    private void forget(Subscription subscription) {
        subscriptions.computeIfPresent(subscription.channel(), (c, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Completes when a message after {@code since} reaches this instance; cancel it when the wait ends
     * otherwise. Holds no thread while waiting.
     */
    public CompletableFuture<Void> awaitAfter(String channel, long since) {
        Waiter waiter = new Waiter(since, new CompletableFuture<>());
        waiters.compute(channel, (c, set) -> {
            Set<Waiter> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(waiter);
            return members;
        });
        waiterCount.incrementAndGet();
        waiter.woken().whenComplete((ok, failure) -> {
            waiters.computeIfPresent(channel, (c, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
            waiterCount.decrementAndGet();
        });
        return waiter.woken();
    }

    /** A message from the realtime topic: hand it to every local client of its channel without blocking. */
    void dispatch(ChannelMessage message) {
        Set<Subscription> live = subscriptions.get(message.channel());
        if (live != null) {
            live.forEach(subscription -> subscription.offer(message));
        }
        Set<Waiter> waiting = waiters.get(message.channel());
        if (waiting != null) {
            waiting.stream()
                    .filter(w -> message.offset() > w.since())
                    .forEach(w -> w.woken().complete(null));
        }
    }

    /** Live subscriptions on this instance, all channels. */
    public int subscriptionCount() {
        return subscriptionCount.get();
    }
}
