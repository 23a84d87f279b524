package dev.syspatterns.gateway.correlation;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request two handles that follow it through the platform and come back to the caller: an
 * {@value #REQUEST_ID} (the client's own if it sent a sane one, else a new UUID) and a W3C {@value #TRACEPARENT}
 * (passed on unchanged if valid, else a new trace is started here, at the edge). Runs first, so even answers
 * the gateway gives itself (401, 429, 503) carry them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationHeaders implements WebFilter {

    static final String REQUEST_ID = "X-Request-Id";
    static final String TRACEPARENT = "traceparent";

    // Client-chosen ids end up in every service's logs: keep them short and free of control characters.
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern VALID_TRACEPARENT =
            Pattern.compile("[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = sanitized(exchange.getRequest().getHeaders().getFirst(REQUEST_ID));
        String traceparent = validated(exchange.getRequest().getHeaders().getFirst(TRACEPARENT));
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            // Set, not add: a service that echoes the headers must not make them appear twice.
            response.getHeaders().set(REQUEST_ID, requestId);
            response.getHeaders().set(TRACEPARENT, traceparent);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.set(REQUEST_ID, requestId);
                    headers.set(TRACEPARENT, traceparent);
                }))
                .build());
    }

    private static String sanitized(String requestId) {
        return requestId != null && SANE_REQUEST_ID.matcher(requestId).matches()
                ? requestId
                : UUID.randomUUID().toString();
    }

    private static String validated(String traceparent) {
        if (traceparent != null && VALID_TRACEPARENT.matcher(traceparent).matches()) {
            return traceparent;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        String traceId = hex.toHexDigits(random.nextLong() | 1) + hex.toHexDigits(random.nextLong());
        String spanId = hex.toHexDigits(random.nextLong() | 1);
        return "00-" + traceId + "-" + spanId + "-01";
    }
}
