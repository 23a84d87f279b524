package dev.syspatterns.gateway.problem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Stock components end a refused exchange with a status and no body: Spring Security's bearer-token entry point
 * (401 with {@code WWW-Authenticate}), its access-denied handler (403), Spring Cloud Gateway's
 * {@code RequestRateLimiter} (429). Rather than re-implement each of them, this filter gives every such
 * body-less error the platform's problem+json body. Answers proxied from a service are written with a body
 * stream, never through {@code setComplete()}, so they pass untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodilessErrorsAsProblems implements WebFilter {

    private static final Pattern ERROR_DESCRIPTION = Pattern.compile("error_description=\"([^\"]*)\"");

    private final ProblemWriter problems;

    BodilessErrorsAsProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.isError() || isCommitted()) {
                    return super.setComplete();
                }
                return problems.write(exchange, status, title(status), detail(status, getHeaders()));
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error " + status.value();
    }

    private static String detail(HttpStatusCode status, HttpHeaders headers) {
        return switch (status.value()) {
            case 401 -> authenticationDetail(headers.getFirst(HttpHeaders.WWW_AUTHENTICATE));
            case 403 -> "The authenticated caller may not access this resource.";
            case 429 ->
                "Too many requests from this user on this route; retry after "
                        + headers.getFirst(HttpHeaders.RETRY_AFTER) + " s.";
            default -> title(status);
        };
    }

    private static String authenticationDetail(String wwwAuthenticate) {
        if (wwwAuthenticate != null) {
            Matcher description = ERROR_DESCRIPTION.matcher(wwwAuthenticate);
            if (description.find()) {
                return "The bearer token was rejected: " + description.group(1);
            }
        }
        return "A bearer token is required: send 'Authorization: Bearer <token>', or the access_token query "
                + "parameter where a browser cannot set headers (EventSource, WebSocket).";
    }
}
