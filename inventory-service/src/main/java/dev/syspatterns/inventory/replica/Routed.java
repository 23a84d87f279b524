package dev.syspatterns.inventory.replica;

/** The result of a read and the database that served it. */
public record Routed<T>(T value, ReadSource source) {}
