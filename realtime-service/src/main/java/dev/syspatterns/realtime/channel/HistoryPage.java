package dev.syspatterns.realtime.channel;

import java.util.List;

/**
 * The messages of a channel after an offset, as far as history still has them.
 *
 * @param since the offset the client asked to resume after
 * @param historyLost true when messages after {@code since} are gone (too old, trimmed, or a new epoch):
 *     {@code messages} then start at {@code earliestOffset} and the client must treat its state as stale
 * @param earliestOffset the oldest offset history still holds ({@code latestOffset + 1} when it holds none)
 * @param latestOffset the newest offset the channel has assigned (0 for a channel with no messages)
 */
public record HistoryPage(
        String channel,
        String epoch,
        long since,
        boolean historyLost,
        long earliestOffset,
        long latestOffset,
        List<ChannelMessage> messages) {

    /** The offset to resume after once this page is consumed. */
    public long nextSince() {
        return messages.isEmpty()
                ? (historyLost ? earliestOffset - 1 : since)
                : messages.getLast().offset();
    }

    /** True when history holds more messages than this page carried. */
    public boolean hasMore() {
        return nextSince() < latestOffset;
    }
}
