package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A service that is down costs its callers a fast, readable 503 from the gateway, not a hang. The service's
 * process is really stopped (./platform services stop) and brought back before the test ends.
 */
class ServiceOutageTest {

    /** media-service: no benchmark loads it, and it starts again in seconds. */
    private static final String SERVICE = "media";

    private final Gateway gateway = new Gateway();

    @Test
    void aStoppedServiceGivesAFast503ProblemAndRecoversWhenItIsBack() throws Exception {
        PlatformServices.requireScript();
        String token = gateway.token(Gateway.unique("e2e-outage"));
        String path = "/api/media/" + UUID.randomUUID();
        // given the service answers (an unknown media id is its own 404)
        assertThat(gateway.get(path, token).statusCode()).isEqualTo(404);

        PlatformServices.stop(SERVICE);
        try {
            // when its process is gone
            long began = System.nanoTime();
            var answer = gateway.get(path, token);
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            // then the gateway answers for it at once: 503 problem+json naming the service
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).contains(SERVICE);
            // a loose bound that only a hang (a connect or response timeout) breaks, not a slow machine
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        } finally {
            PlatformServices.start(SERVICE);
        }

        // and once it is back the same request reaches it again
        var back = Eventually.poll(
                Duration.ofSeconds(30), () -> gateway.get(path, token), response -> response.statusCode() == 404);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(404);
    }
}
