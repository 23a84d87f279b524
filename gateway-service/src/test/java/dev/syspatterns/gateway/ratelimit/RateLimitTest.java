package dev.syspatterns.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.GatewayIntegrationTest;
import dev.syspatterns.gateway.UpstreamStub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest extends GatewayIntegrationTest {

    private static final String GEO = "/api/geo/places";

    @Test
    void requestsOverTheBucketGet429WithRetryAfter() {
        // given: the geo route's bucket holds GEO_BURST tokens and refills one a second
        String token = tokenFor(newUser());

        // when: more requests than the bucket holds, back to back
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < GEO_BURST + 4; i++) {
            responses.add(get(GEO, token));
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
    void bucketsArePerUserAndRoute() {
        // given: one user has emptied its geo bucket
        String greedy = tokenFor(newUser());
        emptyBucket(GEO, greedy);

        // when: the same user calls another route, and another user calls geo
        HttpResponse<String> sameUserOtherRoute = get("/api/inventory/products", greedy);
        HttpResponse<String> otherUserSameRoute = get(GEO, tokenFor(newUser()));

        // then: each finds a full bucket of its own, less the token it just took (a bucket shared with the greedy
        // user's geo calls would hold only what refilled since it ran dry)
        assertThat(sameUserOtherRoute.statusCode()).isEqualTo(200);
        assertThat(remainingTokens(sameUserOtherRoute)).isEqualTo(burstCapacity(sameUserOtherRoute) - 1);
        assertThat(otherUserSameRoute.statusCode()).isEqualTo(200);
        assertThat(remainingTokens(otherUserSameRoute)).isEqualTo(GEO_BURST - 1);
    }

    /** Calls until the gateway answers 429, so the bucket is known to be empty. */
    private void emptyBucket(String path, String token) {
        for (int i = 0; i < GEO_BURST + 10; i++) {
            if (get(path, token).statusCode() == 429) {
                return;
            }
        }
        throw new AssertionError("the bucket of " + path + " never ran dry");
    }

    private static long remainingTokens(HttpResponse<String> response) {
        return Long.parseLong(
                response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    private static long burstCapacity(HttpResponse<String> response) {
        return Long.parseLong(
                response.headers().firstValue("X-RateLimit-Burst-Capacity").orElseThrow());
    }
}
