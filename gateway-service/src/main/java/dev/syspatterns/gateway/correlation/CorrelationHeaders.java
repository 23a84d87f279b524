package dev.syspatterns.gateway.correlation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request two handles that follow it through the platform and come back to the caller: an
 * {@value #REQUEST_ID} (the client's own if it sent a sane one, else a new UUID) and its trace. The trace
 * itself is Micrometer Tracing's: the client's W3C {@code traceparent} is continued (a new trace starts here,
 * at the edge, without one) and the proxied request carries the gateway's span; this filter only tells the
 * caller which trace its request is in. Runs first, so even answers the gateway gives itself (401, 429, 503)
 * carry both.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationHeaders implements WebFilter {

    static final String REQUEST_ID = "X-Request-Id";

    // Client-chosen ids end up in every service's logs: keep them short and free of control characters.
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Propagator propagator;

    CorrelationHeaders(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = sanitized(exchange.getRequest().getHeaders().getFirst(REQUEST_ID));
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            // Set, not add: a service that echoes the headers must not make them appear twice.
            response.getHeaders().set(REQUEST_ID, requestId);
            serverSpanOf(exchange)
                    .ifPresent(span -> propagator.inject(span.context(), response.getHeaders(), HttpHeaders::set));
            return Mono.empty();
        });
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(REQUEST_ID, requestId)))
                .build());
    }

    /** The span the server observation opened for this request (absent when tracing is off). */
    private static Optional<Span> serverSpanOf(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> {
                    TracingObservationHandler.TracingContext tracing =
                            context.get(TracingObservationHandler.TracingContext.class);
                    return tracing == null ? null : tracing.getSpan();
                });
    }

    private static String sanitized(String requestId) {
        return requestId != null && SANE_REQUEST_ID.matcher(requestId).matches()
                ? requestId
                : UUID.randomUUID().toString();
    }
}
