package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A service that is down costs its callers a fast, readable 503 from the gateway, not a hang. The service's
 * process is really stopped (./platform services stop) and brought back before the test ends.
 */
class ServiceOutageTest {

    /** media-service: no benchmark loads it, and it starts again in seconds. */
    private static final String SERVICE = "media";

    private static final Path PLATFORM = Path.of(System.getProperty("e2e.platform", "../platform"));

    private final Gateway gateway = new Gateway();

    @Test
    void aStoppedServiceGivesAFast503ProblemAndRecoversWhenItIsBack() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PLATFORM), "needs the ./platform script that started the services");
        String token = gateway.token(Gateway.unique("e2e-outage"));
        String path = "/api/media/" + UUID.randomUUID();
        // given the service answers (an unknown media id is its own 404)
        assertThat(gateway.get(path, token).statusCode()).isEqualTo(404);

        platform("stop");
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
            platform("start");
        }

        // and once it is back the same request reaches it again
        var back = Eventually.poll(
                Duration.ofSeconds(30), () -> gateway.get(path, token), response -> response.statusCode() == 404);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(404);
    }

    private static void platform(String action) throws IOException, InterruptedException {
        Path log = Path.of("target", "platform-services-" + action + "-" + SERVICE + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(PLATFORM.toString(), "services", action, SERVICE)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(200, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroy();
            throw new AssertionError(
                    "./platform services " + action + " " + SERVICE + " failed: " + Files.readString(log));
        }
    }
}
