package dev.syspatterns.gateway.limits;

import dev.syspatterns.gateway.GatewayProperties;
import dev.syspatterns.gateway.problem.ProblemWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies at {@code platform.gateway.max-request-size} so no client can make the gateway (or a
 * service behind it) hold an unbounded body. A declared Content-Length over the cap is refused at once, before a
 * byte of the body is read; a chunked body is counted as it streams and fails the exchange when it passes the
 * cap. Large files never come through here: media goes straight to S3 with presigned URLs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestSizeLimit implements WebFilter {

    private final ProblemWriter problems;
    private final long maxBytes;

    RequestSizeLimit(ProblemWriter problems, GatewayProperties properties) {
        this.problems = problems;
        this.maxBytes = properties.maxRequestSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(
                    exchange,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Content too large",
                    "The request body has " + declared + " bytes; the gateway accepts at most " + maxBytes + ".");
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        return chain.filter(
                exchange.mutate().request(counted(exchange.getRequest())).build());
    }

    private ServerHttpRequest counted(ServerHttpRequest request) {
        AtomicLong seen = new AtomicLong();
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnNext(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        throw new ResponseStatusException(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "The request body passed the gateway's limit of " + maxBytes + " bytes.");
                    }
                });
            }
        };
    }
}
