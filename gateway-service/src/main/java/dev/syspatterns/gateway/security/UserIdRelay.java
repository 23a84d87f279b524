package dev.syspatterns.gateway.security;

import java.net.URI;
import java.security.Principal;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Tells services who is calling. Services trust {@value #USER_ID} because only the gateway can set it: any
 * value a client sent is removed first, then the token's subject is written. A token that came as a query
 * parameter is taken out of the forwarded URL so that it does not end up in the services' access logs.
 */
@Component
class UserIdRelay implements GlobalFilter, Ordered {

    static final String USER_ID = "X-User-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> chain.filter(exchange.mutate()
                        .request(relayed(exchange.getRequest(), user))
                        .build()));
    }

    private static ServerHttpRequest relayed(ServerHttpRequest request, Optional<String> user) {
        ServerHttpRequest.Builder builder = request.mutate().headers(headers -> {
            headers.remove(USER_ID);
            user.ifPresent(id -> headers.set(USER_ID, id));
        });
        if (request.getQueryParams().containsKey("access_token")) {
            URI withoutToken = UriComponentsBuilder.fromUri(request.getURI())
                    .replaceQueryParam("access_token")
                    .build(true)
                    .toUri();
            builder.uri(withoutToken);
        }
        return builder.build();
    }

    /** Before the gateway turns the request URL into the upstream URL (RouteToRequestUrlFilter, 10000). */
    @Override
    public int getOrder() {
        return 0;
    }
}
