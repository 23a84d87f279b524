package dev.syspatterns.realtime.channel;

import dev.syspatterns.realtime.RealtimeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared sequencer and history of every channel, in Redis. One Lua script assigns the next offset and
 * stores the message atomically, so offsets and history are the same whichever instance a client talks to.
 * History is a stream per channel with ids {@code <offset>-0}, bounded by count and age.
 */
@Component
public class ChannelLog {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> APPEND = script("channel-append.lua");

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = script("channel-read.lua");

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final RealtimeProperties.History history;

    ChannelLog(StringRedisTemplate redis, JsonMapper json, RealtimeProperties properties) {
        this.redis = redis;
        this.json = json;
        this.history = properties.history();
    }

    /** Assigns the channel's next offset to {@code data} (serialized JSON) and keeps it in history. */
    public ChannelMessage append(String channel, JsonNode data, String serializedData) {
        return append(channel, data, serializedData, null);
    }

    /**
     * As {@link #append(String, JsonNode, String)}, once per {@code sourceId} (e.g. an ingested record's
     * topic/partition/offset): the same source again returns the message it already became, with its offset,
     * so a redelivered event is not published twice. The check and the append are one atomic script.
     */
    public ChannelMessage append(String channel, JsonNode data, String serializedData, String sourceId) {
        List<String> keys = List.of(
                metaKey(channel),
                logKey(channel),
                sourceId == null ? metaKey(channel) : "realtime:{" + channel + "}:source:" + sourceId);
        List<?> result = redis.execute(
                APPEND,
                keys,
                serializedData,
                Integer.toString(history.maxMessages()),
                Long.toString(history.maxAge().toMillis()),
                Long.toString(Math.max(1, history.idleTtl().toSeconds())),
                UUID.randomUUID().toString().substring(0, 8),
                sourceId == null ? "" : "1");
        return new ChannelMessage(
                channel,
                (String) result.get(1),
                Long.parseLong((String) result.get(0)),
                Instant.ofEpochMilli(Long.parseLong((String) result.get(2))),
                data);
    }

    /** The messages after {@code since}, oldest first, at most {@code platform.realtime.history.max-page}. */
    public HistoryPage after(String channel, long since) {
        return after(channel, since, history.maxPage());
    }

    public HistoryPage after(String channel, long since, int limit) {
        List<?> result = redis.execute(
                READ,
                keys(channel),
                Long.toString(Math.max(0, since)),
                Integer.toString(Math.min(limit, history.maxPage())),
                Long.toString(history.maxAge().toMillis()));
        long latest = Long.parseLong((String) result.get(0));
        String epoch = (String) result.get(1);
        long earliest = Long.parseLong((String) result.get(2));
        boolean lost = "1".equals(result.get(3));
        List<ChannelMessage> messages = new ArrayList<>((result.size() - 4) / 3);
        for (int i = 4; i + 2 < result.size(); i += 3) {
            messages.add(new ChannelMessage(
                    channel,
                    epoch,
                    Long.parseLong((String) result.get(i)),
                    Instant.ofEpochMilli(Long.parseLong((String) result.get(i + 1))),
                    json.readTree((String) result.get(i + 2))));
        }
        return new HistoryPage(channel, epoch, since, lost, earliest, latest, List.copyOf(messages));
    }

    /** The newest offset the channel has assigned, 0 when it has none. */
    public long latestOffset(String channel) {
        Object seq = redis.opsForHash().get(metaKey(channel), "seq");
        return seq == null ? 0 : Long.parseLong(seq.toString());
    }

    /** A channel script with the shared prelude in front (Redis scripts cannot include one another). */
    @SuppressWarnings("rawtypes")
    private static RedisScript<List> script(String name) {
        try {
            String prelude =
                    new ClassPathResource("scripts/trim-by-age.lua").getContentAsString(StandardCharsets.UTF_8);
            String body = new ClassPathResource("scripts/" + name).getContentAsString(StandardCharsets.UTF_8);
            return RedisScript.of(prelude + "\n" + body, List.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load Redis script " + name, e);
        }
    }

    private static List<String> keys(String channel) {
        return List.of(metaKey(channel), logKey(channel));
    }

    private static String logKey(String channel) {
        return "realtime:{" + channel + "}:log";
    }

    // The hash tag keeps a channel's keys in one slot, so the scripts also run on Redis Cluster.
    private static String metaKey(String channel) {
        return "realtime:{" + channel + "}:meta";
    }
}
