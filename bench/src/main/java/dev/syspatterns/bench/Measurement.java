package dev.syspatterns.bench;

import java.util.Map;
import org.HdrHistogram.Histogram;

/** What one variant did: how many operations in how long, and each operation's latency in microseconds. */
public record Measurement(
        String variant, long operations, double seconds, Histogram latencyMicros, Map<String, String> notes) {

    public double throughput() {
        return seconds == 0 ? 0 : operations / seconds;
    }

    public double p50Millis() {
        return latencyMicros.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Millis() {
        return latencyMicros.getValueAtPercentile(99) / 1000.0;
    }

    public Measurement withNote(String key, Object value) {
        var notes = new java.util.LinkedHashMap<>(this.notes);
        notes.put(key, String.valueOf(value));
        return new Measurement(variant, operations, seconds, latencyMicros, notes);
    }
}
