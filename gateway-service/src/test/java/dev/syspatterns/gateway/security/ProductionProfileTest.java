package dev.syspatterns.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * In production nobody can mint tokens at the gateway: they come from the identity provider. Nor are there API docs
 * to read, since they would describe only that issuer, nor actuator endpoints beyond the probes and the scrape.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "PLATFORM_GATEWAY_AUTH_JWK_SET_URI=https://idp.example.test/.well-known/jwks.json")
@ActiveProfiles("production")
@RealInfrastructure
class ProductionProfileTest {

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

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
