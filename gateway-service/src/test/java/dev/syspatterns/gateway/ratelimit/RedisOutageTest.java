package dev.syspatterns.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.UpstreamStub;
import dev.syspatterns.testsupport.Endpoints;
import dev.syspatterns.testsupport.Infrastructure;
import dev.syspatterns.testsupport.RealInfrastructure;
import dev.syspatterns.testsupport.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rate limiter's Redis goes away: requests keep flowing, unlimited, instead of failing or hanging. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RedisOutageTest {

    private static final Endpoints.Redis REDIS = Infrastructure.get().redis();
    private static final TcpProxy REDIS_PROXY = TcpProxy.to(REDIS.host(), REDIS.port());
    private static final UpstreamStub GEO = UpstreamStub.start("geo");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", REDIS_PROXY::host);
        registry.add("spring.data.redis.port", REDIS_PROXY::port);
        registry.add("spring.cloud.discovery.client.simple.instances.geo[0].uri", GEO::uri);
        registry.add("platform.gateway.rate-limit.routes.geo.replenish-rate", () -> 1);
        registry.add("platform.gateway.rate-limit.routes.geo.burst-capacity", () -> 1);
    }

    @AfterAll
    static void closeProxy() {
        REDIS_PROXY.close();
    }

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void requestsPassUnlimitedWhileRedisIsDown() throws Exception {
        // given: a bucket of one, and a token
        String token = token("user-" + UUID.randomUUID());
        assertThat(geo(token).statusCode()).isEqualTo(200);

        // when: Redis goes away
        REDIS_PROXY.cut();
        try {
            // then: the limiter cannot count, so it lets requests through, promptly rather than after a hang
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                assertThat(geo(token).statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
        } finally {
            REDIS_PROXY.restore();
        }
    }

    private HttpResponse<String> geo(String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/geo/places"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token(String userId) throws Exception {
        HttpResponse<String> issued = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + userId + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return (String) UpstreamStub.parse(issued.body()).get("access_token");
    }
}
