package dev.syspatterns.realtime.fanout;

import dev.syspatterns.realtime.channel.ChannelLog;
import dev.syspatterns.realtime.channel.ChannelMessage;
import dev.syspatterns.realtime.channel.HistoryPage;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's live subscription to one channel on this instance.
 *
 * <p>Kafka delivers into a bounded buffer without ever blocking (a slow client cannot slow the others); the
 * subscription's own virtual thread drains it to the client in offset order. It remembers the last offset
 * the client got, so duplicates are dropped and a gap (a message that overtook another on its way through
 * Kafka, or one missed while subscribing) is filled from the channel's history before going on. When the
 * buffer overflows the client is disconnected with the offset to resume from.
 */
public final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final ChannelMessage WAKE_UP = new ChannelMessage("", "", -1, null, null);

    private final String channel;
    private final SubscriberSink sink;
    private final ChannelLog history;
    private final BlockingQueue<ChannelMessage> buffer;
    private final Duration heartbeat;
    private final Counter delivered;
    private final Consumer<Subscription> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean overflowed;
    private String epoch = "";
    private long lastOffset;

    Subscription(
            String channel,
            SubscriberSink sink,
            ChannelLog history,
            int bufferSize,
            Duration heartbeat,
            Counter delivered,
            Consumer<Subscription> onClose) {
        this.channel = channel;
        this.sink = sink;
        this.history = history;
        this.buffer = new ArrayBlockingQueue<>(bufferSize);
        this.heartbeat = heartbeat;
        this.delivered = delivered;
        this.onClose = onClose;
    }

    public String channel() {
        return channel;
    }

    /** Ends the subscription (the client left or unsubscribed); idempotent. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            buffer.offer(WAKE_UP);
            onClose.accept(this);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Called by the fan-out for every message of the channel; never blocks. */
    void offer(ChannelMessage message) {
        if (closed.get() || overflowed) {
            return;
        }
        if (!buffer.offer(message)) {
            overflowed = true;
            buffer.clear();
            buffer.offer(WAKE_UP);
        }
    }

    /** Starts the writer: catch up after {@code after}, then go live. */
    void start(long after) {
        Thread.ofVirtual().name("subscription-" + channel).start(() -> run(after));
    }

    private void run(long after) {
        try {
            lastOffset = after;
            catchUp(after, true);
            while (!closed.get()) {
                ChannelMessage message = buffer.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (overflowed) {
                    sink.tooSlow(channel, lastOffset);
                    break;
                }
                if (message == null) {
                    sink.heartbeat();
                } else if (message != WAKE_UP) {
                    deliverLive(message);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Subscription to {} ended: {}", channel, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private void deliverLive(ChannelMessage message) throws IOException {
        if (!epoch.isEmpty() && !epoch.equals(message.epoch())) {
            // The channel was forgotten and restarted: offsets begin again in a new epoch.
            catchUp(0, false);
        } else if (message.offset() == lastOffset + 1) {
            epoch = message.epoch();
            deliver(message);
        } else if (message.offset() > lastOffset + 1) {
            catchUp(lastOffset, false);
        }
        // offset <= lastOffset: already delivered (from history or an earlier copy)
    }

    private void catchUp(long after, boolean starting) throws IOException {
        HistoryPage page = history.after(channel, after);
        if (starting) {
            sink.started(channel, page.epoch(), page.historyLost() ? page.earliestOffset() - 1 : after);
        }
        while (true) {
            boolean newEpoch = !epoch.isEmpty() && !page.epoch().isEmpty() && !epoch.equals(page.epoch());
            if (page.historyLost() || newEpoch) {
                sink.historyLost(page, after);
                lastOffset = page.historyLost() ? page.earliestOffset() - 1 : after;
            }
            epoch = page.epoch();
            for (ChannelMessage message : page.messages()) {
                if (message.offset() > lastOffset) {
                    deliver(message);
                }
            }
            if (!page.hasMore() || closed.get()) {
                return;
            }
            after = lastOffset;
            page = history.after(channel, after);
        }
    }

    private void deliver(ChannelMessage message) throws IOException {
        sink.send(message);
        lastOffset = message.offset();
        delivered.increment();
    }
}
