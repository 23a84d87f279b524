package dev.syspatterns.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.syspatterns.gateway.GatewayIntegrationTest;
import dev.syspatterns.gateway.UpstreamStub;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends GatewayIntegrationTest {

    @Test
    void requestWithoutTokenIsUnauthorizedProblem() {
        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/inventory/products")));

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> problem = UpstreamStub.parse(response.body());
        assertThat(problem).containsEntry("status", 401).containsEntry("instance", "/api/inventory/products");
        assertThat((String) problem.get("detail")).contains("bearer token is required");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws Exception {
        // given: a well-formed token for a real-looking user, signed with a key the gateway does not know
        SignedJWT forged = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("admin")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        forged.sign(new MACSigner("another-secret-that-is-at-least-32-bytes-long"));

        // when
        HttpResponse<String> response = get("/api/inventory/products", forged.serialize());

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
        assertThat((String) UpstreamStub.parse(response.body()).get("detail")).contains("rejected");
    }

    @Test
    void gatewaySetsUserIdFromTokenAndDropsTheOneTheClientSent() {
        // given
        String user = newUser();

        // when: the client tries to act as someone else
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/inventory/products"))
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("X-User-Id", "admin"));

        // then: the service sees exactly the token's user
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> seen = UpstreamStub.headersOf(UpstreamStub.parse(response.body()));
        assertThat(seen).containsEntry("X-User-Id", user);
    }

    @Test
    void tokenInQueryParameterAuthenticatesAndIsNotForwarded() {
        // given
        String user = newUser();

        // when
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(gateway("/api/geo/places?near=1,2&access_token=" + tokenFor(user))));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> echo = UpstreamStub.parse(response.body());
        assertThat(echo.get("uri")).isEqualTo("/api/geo/places?near=1,2");
        assertThat(UpstreamStub.headersOf(echo)).containsEntry("X-User-Id", user);
    }

    @Test
    void tokenEndpointNamesAnInvalidUserId() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"\"}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) UpstreamStub.parse(response.body()).get("detail")).contains("userId");
    }

    @Test
    void probesMetricsAndApiDocsAreOpen() {
        assertThat(send(HttpRequest.newBuilder(gateway("/actuator/health/readiness")))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(gateway("/actuator/prometheus")));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(send(HttpRequest.newBuilder(gateway("/v3/api-docs"))).body()).contains("/api/auth/token");
    }

    @Test
    void theRestOfActuatorNeedsAToken() {
        for (String path : List.of("/actuator/info", "/actuator/metrics", "/actuator/gateway/routes")) {
            assertThat(send(HttpRequest.newBuilder(gateway(path))).statusCode())
                    .as(path)
                    .isEqualTo(401);
        }
    }

    @Test
    void corsPreflightFromTheFrontEndIsAnsweredWithoutToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/inventory/products"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
    }
}
