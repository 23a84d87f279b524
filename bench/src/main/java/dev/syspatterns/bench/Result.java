package dev.syspatterns.bench;

import java.util.List;

/** A benchmark's run: its baseline first, then the variants, each compared with the baseline. */
public record Result(
        String benchmark, String question, Scale scale, List<Measurement> measurements, List<String> checks) {

    public Result {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException(benchmark + " measured nothing");
        }
        measurements = List.copyOf(measurements);
        checks = List.copyOf(checks);
    }

    public Measurement baseline() {
        return measurements.getFirst();
    }

    /** How many times the variant's throughput is the baseline's (above 1: faster). */
    public double throughputRatio(Measurement m) {
        return m.throughput() / baseline().throughput();
    }

    /** How many times lower the variant's median latency is (above 1: faster). */
    public double p50Speedup(Measurement m) {
        return baseline().p50Millis() / Math.max(m.p50Millis(), 0.001);
    }
}
