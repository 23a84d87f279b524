package dev.syspatterns.realtime.presence;

import dev.syspatterns.realtime.channel.ChannelName;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PresenceController {

    record Presence(String channel, long subscribers, long onThisInstance) {}

    private final PresenceRegistry presence;

    PresenceController(PresenceRegistry presence) {
        this.presence = presence;
    }

    @Operation(summary = "How many SSE and WebSocket clients are subscribed to a channel, across all instances")
    @GetMapping("/api/realtime/channels/{channel}/presence")
    Presence presence(@PathVariable String channel) {
        ChannelName.require(channel);
        return new Presence(channel, presence.count(channel), presence.localCount(channel));
    }
}
