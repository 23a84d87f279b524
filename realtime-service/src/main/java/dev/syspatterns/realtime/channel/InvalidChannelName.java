package dev.syspatterns.realtime.channel;

import dev.syspatterns.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** A channel name that breaks {@link ChannelName#RULE}. */
public class InvalidChannelName extends ProblemException {

    public InvalidChannelName(String channel) {
        super(
                HttpStatus.BAD_REQUEST,
                "Invalid channel name",
                "Channel name '" + abbreviate(channel) + "' is invalid: use " + ChannelName.RULE + ".");
    }

    private static String abbreviate(String channel) {
        if (channel == null) {
            return "";
        }
        return channel.length() <= 64 ? channel : channel.substring(0, 64) + "...";
    }
}
