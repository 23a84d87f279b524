package dev.syspatterns.gateway.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.syspatterns.gateway.GatewayProperties;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A development stand-in for an identity provider: hands out a signed token for any user id. On by default so
 * that a local run and the tests need nothing else; the {@code production} profile switches it off and
 * verification moves to a JWK set.
 */
@RestController
@ConditionalOnBooleanProperty(name = "platform.gateway.auth.local-issuer.enabled", matchIfMissing = true)
class LocalTokenIssuer {

    static final String PATH = "/api/auth/token";

    record TokenRequest(
            @NotBlank
            @Size(max = 64)
            @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may hold letters, digits and . _ @ - only")
            String userId) {}

    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {}

    private final JwtEncoder encoder;
    private final GatewayProperties.LocalIssuer issuer;

    LocalTokenIssuer(GatewayProperties properties) {
        this.encoder = NimbusJwtEncoder.withSecretKey(JwtConfiguration.secretKey(properties.auth()))
                .build();
        this.issuer = properties.auth().localIssuer();
    }

    @PostMapping(PATH)
    @Operation(summary = "Issue a bearer token for a user id (local development only)")
    TokenResponse issue(@Valid @RequestBody TokenRequest request) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer.issuer())
                .subject(request.userId())
                .issuedAt(now)
                .expiresAt(now.plus(issuer.tokenLifetime()))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new TokenResponse(token, "Bearer", issuer.tokenLifetime().toSeconds());
    }
}
