package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad input gets a clear 4xx or error frame; the connection and the service carry on. */
class BadInputTest extends RealtimeIntegrationTest {

    @Test
    void unknownFrameTypeGetsAnErrorFrameAndTheSocketKeepsWorking() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("bad-frame");
        try (WebSocketTestClient socket = WebSocketTestClient.connect(http)) {
            socket.send("{\"type\":\"shout\",\"channel\":\"" + channel + "\"}");
            JsonNode error = socket.next("error");
            assertThat(error.get("code").asString()).isEqualTo("unknown-type");
            assertThat(error.get("message").asString()).contains("shout");

            socket.send("not json at all");
            assertThat(socket.next("error").get("code").asString()).isEqualTo("malformed-frame");

            socket.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            socket.next("subscribed");
            long offset = http.publish(channel, "{\"still\":\"alive\"}");
            assertThat(socket.next("message").get("offset").asLong()).isEqualTo(offset);
        }
    }

    @Test
    void oversizedPayloadGetsAnErrorFrameOnTheSocketAnd413OverHttp() throws Exception {
        String channel = RealtimeHttp.uniqueChannel("big");
        String big = "\"" + "x".repeat(70_000) + "\"";
        try (WebSocketTestClient socket = WebSocketTestClient.connect(http)) {
            socket.send("{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":" + big + "}");
            JsonNode error = socket.next("error");
            assertThat(error.get("code").asString()).isEqualTo("payload-too-large");
            assertThat(error.get("message").asString()).contains("65536");

            socket.send("{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":{\"small\":true}}");
            assertThat(socket.next("published").get("offset").asLong()).isEqualTo(1);
        }

        HttpResponse<String> response =
                http.post("/api/realtime/channels/" + channel + "/messages", "{\"data\":" + big + "}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(http.json(response).get("detail").asString()).contains("limit is 65536 bytes");
        assertThat(http.json(http.get("/api/realtime/channels/" + channel + "/messages?since=0"))
                        .get("latestOffset")
                        .asLong())
                .as("nothing half-written")
                .isEqualTo(1);
    }

    @Test
    void invalidChannelNamesAreRejectedOnEveryDoor() throws Exception {
        String invalid = "no%20spaces%20allowed";
        for (String path : new String[] {
            "/api/realtime/channels/" + invalid + "/messages",
            "/api/realtime/channels/" + invalid + "/poll?timeoutSeconds=1",
            "/api/realtime/channels/" + invalid + "/stream",
            "/api/realtime/channels/" + invalid + "/presence",
            "/api/realtime/channels/" + "a".repeat(200) + "/messages"
        }) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(http.json(response).get("title").asString()).isEqualTo("Invalid channel name");
        }
        assertThat(http.post("/api/realtime/channels/" + invalid + "/messages", "{\"data\":1}")
                        .statusCode())
                .isEqualTo(400);

        try (WebSocketTestClient socket = WebSocketTestClient.connect(http)) {
            socket.send("{\"type\":\"subscribe\",\"channel\":\"bad channel!\"}");
            assertThat(socket.next("error").get("code").asString()).isEqualTo("invalid-channel");
            socket.send("{\"type\":\"subscribe\",\"channel\":\"ok.channel\",\"since\":-3}");
            assertThat(socket.next("error").get("code").asString()).isEqualTo("invalid-since");
            socket.send("{\"type\":\"ping\"}");
            socket.next("pong");
        }
    }

    @Test
    void malformedHttpRequestsGetProblemDetails() {
        String channel = RealtimeHttp.uniqueChannel("malformed");
        assertThat(http.post("/api/realtime/channels/" + channel + "/messages", "{}")
                        .statusCode())
                .as("missing data")
                .isEqualTo(400);
        assertThat(http.post("/api/realtime/channels/" + channel + "/messages", "{not json")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> tooLong = http.get("/api/realtime/channels/" + channel + "/poll?timeoutSeconds=3600");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(http.json(tooLong).get("detail").asString()).contains("60 seconds");
        assertThat(http.get("/api/realtime/channels/" + channel + "/messages?since=-1")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> badLastEventId = RealtimeHttp.CLIENT
                .sendAsync(
                        java.net.http.HttpRequest.newBuilder(http.uri("/api/realtime/channels/" + channel + "/stream"))
                                .header("Last-Event-ID", "yesterday")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .join();
        assertThat(badLastEventId.statusCode()).isEqualTo(400);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
}
