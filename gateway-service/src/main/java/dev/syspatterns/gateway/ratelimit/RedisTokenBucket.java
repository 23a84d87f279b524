package dev.syspatterns.gateway.ratelimit;

import dev.syspatterns.gateway.GatewayProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's Redis token bucket (an atomic Lua script, so every gateway instance shares one bucket
 * per key), sized from {@code platform.gateway.rate-limit}, that also says when to come back: a refused answer
 * carries {@code Retry-After}.
 */
class RedisTokenBucket extends RedisRateLimiter {

    // Retry-After counts whole seconds and a bucket refills at least one token a second (the rate is an integer),
    // so the one token a request needs is back within a second.
    private static final String RETRY_AFTER_SECONDS = "1";

    RedisTokenBucket(GatewayProperties.RateLimit limits) {
        super(limits.replenishRate(), limits.burstCapacity());
        limits.routes()
                .forEach((routeId, bucket) -> getConfig()
                        .put(
                                routeId,
                                new Config()
                                        .setReplenishRate(bucket.replenishRate())
                                        .setBurstCapacity(bucket.burstCapacity())));
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        return super.isAllowed(routeId, id).map(response -> {
            if (response.isAllowed()) {
                return response;
            }
            Map<String, String> headers = new HashMap<>(response.getHeaders());
            headers.put(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return new Response(false, headers);
        });
    }
}
