package dev.syspatterns.gateway.security;

import dev.syspatterns.gateway.GatewayProperties;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * How tokens are verified. Locally one HS256 secret signs and verifies (the local issuer and the gateway share
 * it); a real deployment points {@code platform.gateway.auth.jwk-set-uri} at its identity provider, and the
 * gateway then checks RS256/ES256 signatures against the provider's published keys.
 */
@Configuration
class JwtConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties) {
        GatewayProperties.Auth auth = properties.auth();
        if (auth.jwkSetUri() != null) {
            return NimbusReactiveJwtDecoder.withJwkSetUri(auth.jwkSetUri().toString())
                    .build();
        }
        return NimbusReactiveJwtDecoder.withSecretKey(secretKey(auth))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    static SecretKey secretKey(GatewayProperties.Auth auth) {
        return new SecretKeySpec(auth.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
