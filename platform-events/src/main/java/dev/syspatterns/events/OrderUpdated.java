package dev.syspatterns.events;

import java.time.Instant;

/** The order saga moved: a step started, completed, failed or was compensated, or the order finished. */
public record OrderUpdated(
        String channel, String orderId, String step, String status, String detail, Instant occurredAt)
        implements ChannelEvent {

    public static OrderUpdated of(String orderId, String step, String status, String detail) {
        return new OrderUpdated("order." + orderId, orderId, step, status, detail, Instant.now());
    }
}
