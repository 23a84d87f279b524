package dev.syspatterns.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * In production nobody can mint tokens at the gateway: they come from the identity provider. Nor are there API docs
 * to read, since they would describe only that issuer.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "PLATFORM_GATEWAY_AUTH_JWK_SET_URI=https://idp.example.test/.well-known/jwks.json")
@ActiveProfiles("production")
@RealInfrastructure
class ProductionProfileTest {

    @Value("${local.server.port}")
    int port;

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

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
