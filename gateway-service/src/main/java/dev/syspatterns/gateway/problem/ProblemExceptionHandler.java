package dev.syspatterns.gateway.problem;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every exception that escapes the gateway becomes problem+json: Spring's own {@link ErrorResponse}s keep their
 * status and detail (a 404, a 405, the load balancer's 503 when a service has no instance), bean validation
 * names each field, anything unexpected is a 500 that says nothing internal. Ordered before Boot's
 * {@code DefaultErrorWebExceptionHandler} (order -1), which renders a different JSON shape.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter problems;

    ProblemExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (ex instanceof WebExchangeBindException invalid) {
            List<Map<String, String>> params = invalid.getFieldErrors().stream()
                    .map(ProblemExceptionHandler::invalidParam)
                    .toList();
            String fields = String.join(
                    ", ",
                    params.stream()
                            .map(p -> p.get("name") + " " + p.get("reason"))
                            .toList());
            return problems.write(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    "Invalid request: " + fields,
                    Map.of("invalidParams", params));
        }
        if (ex instanceof ErrorResponse error) {
            ProblemDetail body = error.getBody();
            exchange.getResponse().getHeaders().addAll(error.getHeaders());
            String title = body.getTitle() != null ? body.getTitle() : "Error";
            String detail = body.getDetail() != null ? body.getDetail() : title;
            return problems.write(exchange, error.getStatusCode(), title, detail);
        }
        log.error(
                "Unhandled error on {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                ex);
        return problems.write(
                exchange,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal Server Error",
                "The gateway failed to handle this request; its log has the cause under this request's X-Request-Id.");
    }

    private static Map<String, String> invalidParam(FieldError error) {
        return Map.of("name", error.getField(), "reason", String.valueOf(error.getDefaultMessage()));
    }
}
