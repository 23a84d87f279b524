package dev.syspatterns.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.syspatterns.gateway.GatewayProperties;
import dev.syspatterns.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In production nobody can mint tokens at the gateway: they come from the identity provider. Nor are there API docs
 * to read, since they would describe only that issuer, nor actuator endpoints beyond the probes and the scrape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("production")
@RealInfrastructure
class ProductionProfileTest {

    /** The identity provider: its key pair, and its public half published as a JWK set. */
    static final RSAKey IDP_KEY = newRsaKey();

    static final HttpServer IDP = jwkSetServer(new JWKSet(IDP_KEY.toPublicJWK()));

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add(
                "PLATFORM_GATEWAY_AUTH_JWK_SET_URI",
                () -> "http://127.0.0.1:" + IDP.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stopIdentityProvider() {
        IDP.stop(0);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    PathMappedEndpoints endpoints;

    @Test
    void localTokenIssuerIsOff() throws Exception {
        // when
        HttpResponse<String> response = send(request("/api/auth/token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"mallory\"}")));

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void apiDocsAreOff() throws Exception {
        assertThat(send(request("/v3/api-docs")).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyProbesAndTheScrapeAreExposedOfActuator() throws Exception {
        assertThat(send(request("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(send(request("/actuator/prometheus")).statusCode()).isEqualTo(200);
        // and nothing else (metrics, the route table, info): what a token holder could read otherwise
        assertThat(endpoints.getAllPaths()).containsExactlyInAnyOrder("/actuator/health", "/actuator/prometheus");
    }

    @Test
    void tokensAreVerifiedAgainstTheIdentityProvidersKeys() throws Exception {
        String path = "/api/inventory/products/1";
        Instant now = Instant.now();

        // a token the provider signed passes authentication (whatever the upstream then answers)
        assertThat(send(request(path).header("Authorization", "Bearer " + signedByIdp("alice", now.plusSeconds(300))))
                        .statusCode())
                .isNotEqualTo(401);
        // an expired one, one signed by another key, and one made with the development secret do not
        assertThat(send(request(path).header("Authorization", "Bearer " + signedByIdp("alice", now.minusSeconds(300))))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(request(path).header("Authorization", "Bearer " + signed(newRsaKey(), "mallory", now)))
                        .statusCode())
                .isEqualTo(401);
        SignedJWT developmentToken =
                new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("mallory", now.plusSeconds(300)));
        developmentToken.sign(new MACSigner(GatewayProperties.Auth.LOCAL_SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(send(request(path).header("Authorization", "Bearer " + developmentToken.serialize()))
                        .statusCode())
                .isEqualTo(401);
    }

    private static String signedByIdp(String user, Instant expiry) throws Exception {
        return signed(IDP_KEY, user, expiry);
    }

    private static String signed(RSAKey key, String user, Instant expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims(user, expiry));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String user, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .subject(user)
                .issueTime(Date.from(expiry.minusSeconds(600)))
                .expirationTime(Date.from(expiry))
                .build();
    }

    private static RSAKey newRsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwkSetServer(JWKSet keys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
