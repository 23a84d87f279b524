package dev.syspatterns.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the gateway's edge concerns can be tuned with. Routes, instance lists and timeouts stay in Spring
 * Cloud Gateway's own keys ({@code spring.cloud.gateway.server.webflux.routes},
 * {@code spring.cloud.discovery.client.simple.instances}); these are the parts this service adds.
 *
 * @param auth how bearer tokens are verified and whether the local issuer runs
 * @param rateLimit the Redis token bucket per user and route
 * @param cors which browser origins may call the platform
 * @param maxRequestSize the largest request body the gateway forwards (bigger ones get 413)
 */
@ConfigurationProperties(prefix = "platform.gateway")
@Validated
public record GatewayProperties(
        @Valid Auth auth, @Valid RateLimit rateLimit, @Valid Cors cors, DataSize maxRequestSize) {

    public GatewayProperties {
        auth = auth != null ? auth : new Auth(null, null, null);
        rateLimit = rateLimit != null ? rateLimit : new RateLimit(0, 0, null);
        cors = cors != null ? cors : new Cors(null, null);
        maxRequestSize = maxRequestSize != null ? maxRequestSize : DataSize.ofMegabytes(5);
    }

    /**
     * @param secret the HS256 key shared by the local issuer and the verifier (at least 32 bytes)
     * @param jwkSetUri when set, tokens are verified against this JWK set (a real identity provider) instead
     * @param localIssuer {@code POST /api/auth/token}, for development only
     */
    public record Auth(String secret, URI jwkSetUri, @Valid LocalIssuer localIssuer) {

        /** Only for local runs and tests; the {@code production} profile sets another or uses a JWK set. */
        public static final String LOCAL_SECRET = "local-development-secret-change-me-in-production";

        public Auth {
            secret = secret != null ? secret : LOCAL_SECRET;
            localIssuer = localIssuer != null ? localIssuer : new LocalIssuer(true, null, null);
        }

        @AssertTrue(message = "must be at least 32 bytes for HS256")
        public boolean isSecretLongEnough() {
            return jwkSetUri != null || secret.getBytes(StandardCharsets.UTF_8).length >= 32;
        }
    }

    /**
     * @param enabled whether {@code POST /api/auth/token} issues tokens (on for local runs, off in production)
     * @param issuer the {@code iss} claim of issued tokens
     * @param tokenLifetime how long an issued token is valid
     */
    public record LocalIssuer(Boolean enabled, String issuer, Duration tokenLifetime) {

        public LocalIssuer {
            enabled = enabled == null || enabled;
            issuer = issuer != null ? issuer : "syspatterns-local";
            tokenLifetime = tokenLifetime != null ? tokenLifetime : Duration.ofHours(1);
        }
    }

    /**
     * A token bucket: {@code replenishRate} tokens a second, holding at most {@code burstCapacity}.
     *
     * @param routes overrides per route id, e.g. a tighter bucket for an expensive route
     */
    public record RateLimit(int replenishRate, long burstCapacity, Map<String, @Valid Bucket> routes) {

        public RateLimit {
            replenishRate = replenishRate > 0 ? replenishRate : 20;
            burstCapacity = burstCapacity > 0 ? burstCapacity : 40;
            routes = routes != null ? Map.copyOf(routes) : Map.of();
        }
    }

    /** One token bucket's size: refill per second and capacity. */
    public record Bucket(
            @Positive int replenishRate, @Positive long burstCapacity) {

        @AssertTrue(message = "burstCapacity must be at least replenishRate")
        public boolean isBurstAtLeastRate() {
            return burstCapacity >= replenishRate;
        }
    }

    /**
     * @param allowedOrigins browser origins allowed to call the API (the front end's dev servers by default)
     * @param maxAge how long browsers may cache a preflight answer
     */
    public record Cors(@NotEmpty List<@NotNull String> allowedOrigins, Duration maxAge) {

        public Cors {
            allowedOrigins = allowedOrigins != null
                    ? List.copyOf(allowedOrigins)
                    : List.of("http://localhost:3000", "http://localhost:5173");
            maxAge = maxAge != null ? maxAge : Duration.ofHours(1);
        }
    }
}
