package dev.syspatterns.realtime.channel;

import java.util.regex.Pattern;

/**
 * The rule every channel name keeps, checked at each door (HTTP, WebSocket, ingested events) so that a
 * name is safe as a Redis key part, a Kafka key and a log line.
 */
public final class ChannelName {

    public static final String RULE =
            "1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private ChannelName() {}

    public static boolean isValid(String channel) {
        return channel != null && VALID.matcher(channel).matches();
    }

    /** Returns the name, or throws a 400 that says what a channel name must look like. */
    public static String require(String channel) {
        if (!isValid(channel)) {
            throw new InvalidChannelName(channel);
        }
        return channel;
    }
}
