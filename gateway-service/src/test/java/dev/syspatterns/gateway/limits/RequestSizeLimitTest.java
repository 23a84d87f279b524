package dev.syspatterns.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.GatewayIntegrationTest;
import dev.syspatterns.gateway.UpstreamStub;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class RequestSizeLimitTest extends GatewayIntegrationTest {

    @Test
    void bodyOverTheLimitIs413Problem() {
        // given
        byte[] body = new byte[(int) MAX_REQUEST_BYTES + 1];

        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/media/uploads"))
                .header("Authorization", "Bearer " + tokenFor(newUser()))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        // then
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) UpstreamStub.parse(response.body()).get("detail"))
                .contains(String.valueOf(MAX_REQUEST_BYTES));
    }

    @Test
    void chunkedBodyOverTheLimitIs413Too() {
        // given: no Content-Length, so the gateway can only count
        byte[] body = new byte[(int) MAX_REQUEST_BYTES * 2];

        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/media/uploads"))
                .header("Authorization", "Bearer " + tokenFor(newUser()))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        // then
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void bodyWithinTheLimitIsForwarded() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/media/uploads"))
                .header("Authorization", "Bearer " + tokenFor(newUser()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(UpstreamStub.parse(response.body())).containsEntry("bodyBytes", 1000);
    }
}
