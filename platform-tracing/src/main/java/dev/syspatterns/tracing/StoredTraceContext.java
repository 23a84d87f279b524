package dev.syspatterns.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries a trace across a stored hand-off. Work that is written down now and done later, on another thread
 * or in another process (an outbox row relayed to Kafka, a job a worker claims), would start a trace of its
 * own; instead, the writer saves {@link #capture() the current W3C traceparent} with the row, and whoever picks
 * the row up {@link #continueIn continues} it, so what it sends or calls joins the trace of the request that
 * caused it.
 */
public final class StoredTraceContext {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public StoredTraceContext(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current trace context as a {@code traceparent} value (at most 55 characters), or null outside a trace. */
    public String capture() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Runs {@code work} in a span named {@code name} that continues {@code traceparent} (a new trace if null). */
    public <T> T continueIn(String traceparent, String name, Supplier<T> work) {
        Span span = traceparent == null
                ? tracer.nextSpan().name(name).start()
                : propagator
                        .extract(Map.of(TRACEPARENT, traceparent), Map::get)
                        .name(name)
                        .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** As {@link #continueIn(String, String, Supplier)}, for work without a result. */
    public void runIn(String traceparent, String name, Runnable work) {
        continueIn(traceparent, name, () -> {
            work.run();
            return null;
        });
    }
}
