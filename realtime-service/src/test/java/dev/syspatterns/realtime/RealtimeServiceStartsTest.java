package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.testsupport.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service starts against real infrastructure and becomes ready once its fan-out consumer is positioned
 * (it starts on its own thread, so readiness may lag the context by a moment: the test waits, bounded).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RealtimeServiceStartsTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void becomesReadyOnceTheFanoutConsumerIsPositioned() throws Exception {
        RealtimeHttp http = new RealtimeHttp(port);
        http.awaitReady(Duration.ofSeconds(60));

        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(http.json(readiness)
                        .get("components")
                        .get("fanout")
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }
}
