package dev.syspatterns.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.GatewayIntegrationTest;
import dev.syspatterns.gateway.UpstreamStub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest extends GatewayIntegrationTest {

    @Test
    void requestsOverTheBucketGet429WithRetryAfter() {
        // given: the geo route's bucket holds GEO_BURST tokens and refills one a second
        String token = tokenFor(newUser());

        // when: more requests than the bucket holds, back to back
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < GEO_BURST + 4; i++) {
            responses.add(get("/api/geo/places", token));
        }

        // then
        assertThat(responses.getFirst().statusCode()).isEqualTo(200);
        HttpResponse<String> refused = responses.stream()
                .filter(response -> response.statusCode() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no request was limited"));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(UpstreamStub.parse(refused.body())).containsEntry("status", 429);
    }

    @Test
    void bucketsArePerUser() {
        // given: one user has emptied the geo bucket
        String greedy = tokenFor(newUser());
        for (int i = 0; i < GEO_BURST + 2; i++) {
            get("/api/geo/places", greedy);
        }

        // when
        HttpResponse<String> other = get("/api/geo/places", tokenFor(newUser()));

        // then
        assertThat(other.statusCode()).isEqualTo(200);
    }
}
