package dev.syspatterns.realtime;

import dev.syspatterns.testsupport.RealInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * One realtime instance on a random port against the shared Redis and Kafka. Every subclass keeps these
 * exact properties so Spring's context cache runs them all on one instance.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "platform.realtime.subscriber.heartbeat=2s",
            // other teams' services publish to the ingested topics on this shared Kafka: only the
            // cross-instance test ingests, with a group of its own
            "platform.realtime.ingest.enabled=false"
        })
@RealInfrastructure
public abstract class RealtimeIntegrationTest {

    @Value("${local.server.port}")
    int port;

    protected RealtimeHttp http;

    @BeforeEach
    void connectToInstance() throws InterruptedException {
        http = new RealtimeHttp(port);
        http.awaitReady(Duration.ofSeconds(60));
    }
}
