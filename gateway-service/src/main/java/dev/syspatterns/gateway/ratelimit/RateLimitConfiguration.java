package dev.syspatterns.gateway.ratelimit;

import dev.syspatterns.gateway.GatewayProperties;
import io.lettuce.core.ClientOptions;
import java.security.Principal;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans the {@code RequestRateLimiter} default filter names in application.yml: a Redis token bucket and the
 * key it is kept under. Spring Cloud Gateway prefixes the key with the route id, so each user gets one bucket per
 * route: a burst against inventory does not starve the same user's job polling.
 */
@Configuration
class RateLimitConfiguration {

    @Bean
    RedisTokenBucket redisTokenBucket(GatewayProperties properties) {
        return new RedisTokenBucket(properties.rateLimit());
    }

    /**
     * The limiter fails open when Redis is down (a limiter outage must not become a platform outage), but Lettuce
     * would first queue each command until it reconnects or times out. Refusing commands while disconnected
     * makes the failure, and so the pass-through, immediate.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** The token's subject; every routed request is authenticated, so there is always one. */
    @Bean
    KeyResolver userKeyResolver() {
        return exchange -> exchange.getPrincipal().map(Principal::getName);
    }
}
