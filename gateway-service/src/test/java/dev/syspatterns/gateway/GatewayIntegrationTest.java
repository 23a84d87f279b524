package dev.syspatterns.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of real small upstream servers on loopback (two inventory instances, a live and a dead media
 * instance, two realtime instances that stream and speak WebSocket, one stub for the other services, and a port where
 * nothing listens for jobs),
 * with real Redis for the rate limiter. Every test class of the module extends this, so they share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class GatewayIntegrationTest {

    protected static final UpstreamStub INVENTORY_A = UpstreamStub.start("inventory-a");
    protected static final UpstreamStub INVENTORY_B = UpstreamStub.start("inventory-b");
    protected static final UpstreamStub REALTIME_A = UpstreamStub.start("realtime-a");
    protected static final UpstreamStub REALTIME_B = UpstreamStub.start("realtime-b");
    protected static final UpstreamStub OTHERS = UpstreamStub.start("others");
    protected static final int DEAD_PORT = freePort();

    /** The geo route's bucket in these tests: 1 token a second, 2 at most. */
    protected static final int GEO_BURST = 2;

    protected static final long MAX_REQUEST_BYTES = 64 * 1024;

    /** Routes without their own response-timeout wait this long; the stubs' {@code .../slow} answers later. */
    protected static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        String instances = "spring.cloud.discovery.client.simple.instances.";
        registry.add(instances + "inventory[0].uri", INVENTORY_A::uri);
        registry.add(instances + "inventory[1].uri", INVENTORY_B::uri);
        registry.add(instances + "realtime[0].uri", REALTIME_A::uri);
        registry.add(instances + "realtime[1].uri", REALTIME_B::uri);
        registry.add(instances + "jobs[0].uri", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add(instances + "media[0].uri", OTHERS::uri);
        registry.add(instances + "media[1].uri", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add(instances + "workflow[0].uri", OTHERS::uri);
        registry.add(instances + "geo[0].uri", OTHERS::uri);
        registry.add("platform.gateway.rate-limit.routes.geo.replenish-rate", () -> 1);
        registry.add("platform.gateway.rate-limit.routes.geo.burst-capacity", () -> GEO_BURST);
        registry.add("platform.gateway.max-request-size", () -> MAX_REQUEST_BYTES + "B");
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> RESPONSE_TIMEOUT);
    }

    @Value("${local.server.port}")
    protected int port;

    protected final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A user no other test (or earlier run) has used, so its rate-limit buckets start full. */
    protected static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    protected String tokenFor(String userId) {
        HttpResponse<String> issued = send(HttpRequest.newBuilder(gateway("/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + userId + "\"}")));
        assertThat(issued.statusCode()).isEqualTo(200);
        return (String) UpstreamStub.parse(issued.body()).get("access_token");
    }

    protected HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(gateway(path)).header("Authorization", "Bearer " + token));
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
