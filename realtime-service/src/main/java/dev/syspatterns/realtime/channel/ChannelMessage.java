package dev.syspatterns.realtime.channel;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One message of a channel, as stored in its history, carried on Kafka and sent to clients.
 *
 * @param epoch the channel's history generation; it changes when the history was lost and offsets restart
 * @param offset the message's place in the channel, assigned once by the shared sequencer; only grows
 */
public record ChannelMessage(String channel, String epoch, long offset, Instant publishedAt, JsonNode data) {}
