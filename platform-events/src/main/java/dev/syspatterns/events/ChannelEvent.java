package dev.syspatterns.events;

/**
 * An event that realtime-service pushes to the subscribers of {@link #channel()}. Realtime stays generic:
 * it reads the {@code channel} field of any event on the topics it ingests and forwards the event as is.
 */
public interface ChannelEvent {

    String channel();
}
