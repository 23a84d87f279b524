package dev.syspatterns.realtime.fanout;

import dev.syspatterns.realtime.channel.ChannelMessage;
import dev.syspatterns.realtime.channel.HistoryPage;
import java.io.IOException;

/**
 * How one transport (an SSE stream, a WebSocket) writes to its client. Called from the subscription's own
 * writer thread only, one call at a time, in offset order. An {@link IOException} ends the subscription.
 */
public interface SubscriberSink {

    /** The transport's name, for metrics ({@code sse}, {@code websocket}). */
    String transport();

    /** The subscription is live; messages after {@code after} follow. */
    default void started(String channel, String epoch, long after) throws IOException {}

    void send(ChannelMessage message) throws IOException;

    /**
     * Messages the client asked for are gone (too old, trimmed, or the channel restarted with a new epoch);
     * what history still has follows, from {@code page.earliestOffset()}.
     */
    void historyLost(HistoryPage page, long requestedSince) throws IOException;

    /** Nothing was sent for a while: keep proxies from closing the idle connection. */
    void heartbeat() throws IOException;

    /**
     * The client fell too far behind: tell it why if possible and disconnect it; it resumes after
     * {@code resumeFrom}.
     */
    void tooSlow(String channel, long resumeFrom);
}
