package dev.syspatterns.gateway.resilience;

import dev.syspatterns.gateway.problem.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's {@code CircuitBreaker} filter forwards when its service failed or its circuit is open
 * ({@code fallbackUri: forward:/fallback/<service>}). The caller gets a quick problem+json instead of a hang or a
 * bare connection error: 504 when the service did not answer in the route's time, otherwise 503, with
 * {@code Retry-After} while the circuit is open.
 */
@RestController
@Hidden
class UpstreamFallback {

    private final ProblemWriter problems;
    private final CircuitBreakerRegistry circuitBreakers;

    UpstreamFallback(ProblemWriter problems, CircuitBreakerRegistry circuitBreakers) {
        this.problems = problems;
        this.circuitBreakers = circuitBreakers;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        // The forward changed the path to /fallback/..; the problem names what the caller asked for.
        Map<String, Object> extras = Map.of("service", service, "instance", originalPath(exchange));
        if (failure instanceof CallNotPermittedException) {
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.RETRY_AFTER, Long.toString(openStateWaitSeconds(service)));
            return problems.write(
                    exchange,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Service unavailable",
                    service + " failed repeatedly, so its circuit is open: calls are refused without trying "
                            + "until it has had time to recover.",
                    extras);
        }
        if (isTimeout(failure)) {
            return problems.write(
                    exchange,
                    HttpStatus.GATEWAY_TIMEOUT,
                    "Gateway timeout",
                    service + " did not answer within the route's response timeout.",
                    extras);
        }
        return problems.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Service unavailable",
                service + " could not be reached: " + describe(failure),
                extras);
    }

    private long openStateWaitSeconds(String service) {
        return circuitBreakers
                .find(service)
                .map(breaker -> breaker.getCircuitBreakerConfig()
                        .getWaitIntervalFunctionInOpenState()
                        .apply(1))
                .map(millis -> Math.max(1, (millis + 999) / 1000))
                .orElse(1L);
    }

    private static String originalPath(ServerWebExchange exchange) {
        Set<URI> urls = exchange.getAttributeOrDefault(
                ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR, Collections.emptySet());
        return urls.stream()
                .findFirst()
                .map(URI::getRawPath)
                .orElse(exchange.getRequest().getPath().value());
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException
                || (failure instanceof ResponseStatusException status
                        && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value());
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "no answer";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // The class names the failure (ConnectException, ...); its message would leak internal addresses.
        return root.getClass().getSimpleName();
    }
}
