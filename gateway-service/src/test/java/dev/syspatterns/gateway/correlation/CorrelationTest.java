package dev.syspatterns.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.GatewayIntegrationTest;
import dev.syspatterns.gateway.UpstreamStub;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationTest extends GatewayIntegrationTest {

    private static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";

    @Test
    void clientRequestIdReachesTheServiceAndComesBackAndTheClientsTraceIsContinued() {
        // given
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";

        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/inventory/products"))
                .header("Authorization", "Bearer " + tokenFor(newUser()))
                .header("X-Request-Id", "req-123")
                .header("traceparent", traceparent));

        // then
        Map<String, String> seen = UpstreamStub.headersOf(UpstreamStub.parse(response.body()));
        assertThat(seen).containsEntry("X-Request-Id", "req-123");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("req-123");
        // the service sees the client's trace with the gateway's span as parent: the gateway is a hop in it
        assertThat(seen.get("traceparent")).matches(TRACEPARENT).startsWith("00-" + traceId + "-");
        assertThat(seen.get("traceparent")).isNotEqualTo(traceparent);
        assertThat(response.headers().allValues("traceparent"))
                .singleElement()
                .satisfies(t -> assertThat(t).startsWith("00-" + traceId + "-"));
    }

    @Test
    void missingRequestIdAndTraceAreGeneratedAndSentBothWays() {
        // when
        HttpResponse<String> response = get("/api/inventory/products", tokenFor(newUser()));

        // then
        String generated = response.headers().firstValue("X-Request-Id").orElseThrow();
        Map<String, String> seen = UpstreamStub.headersOf(UpstreamStub.parse(response.body()));
        assertThat(seen).containsEntry("X-Request-Id", generated);
        // and a trace starts at the edge: the service and the caller are told the same trace id
        assertThat(seen.get("traceparent")).matches(TRACEPARENT);
        String traceId = seen.get("traceparent").split("-")[1];
        assertThat(response.headers().firstValue("traceparent"))
                .hasValueSatisfying(t -> assertThat(t).matches(TRACEPARENT).contains("-" + traceId + "-"));
    }

    @Test
    void answersTheGatewayGivesItselfCarryTheRequestId() {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(gateway("/api/inventory/products")).header("X-Request-Id", "unauth-1"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("unauth-1");
    }
}
