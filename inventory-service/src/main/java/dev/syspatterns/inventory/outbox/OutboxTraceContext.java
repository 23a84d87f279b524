package dev.syspatterns.inventory.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Carries a trace across the outbox: the writer saves the current W3C {@code traceparent} with the row, the
 * relay sends the row inside a span that continues it, so the Kafka record (and whatever consumes it) joins
 * the trace of the request that made the change.
 */
@Component
class OutboxTraceContext {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    OutboxTraceContext(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current trace context as a {@code traceparent} value, or null outside a trace. */
    String current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Runs {@code work} in a span continuing {@code traceparent} (a fresh trace when it is null). */
    <T> T continueIn(String traceparent, String name, Supplier<T> work) {
        Span span = traceparent == null
                ? tracer.nextSpan().name(name).start()
                : propagator
                        .extract(Map.of(TRACEPARENT, traceparent), Map::get)
                        .name(name)
                        .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }
}
