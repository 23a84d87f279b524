package dev.syspatterns.realtime.channel;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class PublishController {

    record PublishRequest(@NotNull JsonNode data) {}

    record Published(String channel, String epoch, long offset) {}

    private final MessagePublisher publisher;

    PublishController(MessagePublisher publisher) {
        this.publisher = publisher;
    }

    @Operation(summary = "Publish a message to a channel; every subscriber on every instance receives it")
    @PostMapping("/api/realtime/channels/{channel}/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Published publish(@PathVariable String channel, @Valid @RequestBody PublishRequest request) {
        ChannelName.require(channel);
        ChannelMessage message = publisher.publish(channel, request.data(), "http");
        return new Published(channel, message.epoch(), message.offset());
    }
}
