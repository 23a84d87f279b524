package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pattern 6 with pattern 2 behind it: the bytes go straight to the store and come back from the CDN edge (never
 * through the gateway or a service); the upload's event starts a media.process job in jobs-service.
 */
class MediaUploadTest {

    /** Headers the JDK client sets itself (from the body and the URL) and refuses to take from a caller. */
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length", "connection", "expect");

    private final Gateway gateway = new Gateway();

    @Test
    void aPublicUploadThroughAPresignedUrlComesBackIdenticalFromTheCdnAndIsProcessed() throws Exception {
        // given an image of known size and dimensions
        String token = gateway.token(Gateway.unique("e2e-uploader"));
        byte[] image = png(300, 150);
        String sha256 = sha256(image);

        // when it is planned through the gateway, sent to the presigned URL and completed
        var planned = gateway.postJson(
                "/api/media/uploads",
                token,
                Map.of(
                        "filename",
                        Gateway.unique("e2e-photo") + ".png",
                        "contentType",
                        "image/png",
                        "size",
                        image.length,
                        "sha256",
                        sha256,
                        "visibility",
                        "PUBLIC"));
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
        JsonNode plan = Gateway.json(planned);
        String mediaId = plan.get("mediaId").asString();
        assertThat(uploadTo(plan.get("put"), image).statusCode()).isEqualTo(200);
        var completed = gateway.postJson("/api/media/uploads/" + mediaId + "/complete", token, Map.of());
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);

        // then the media is served by the CDN edge with exactly the bytes sent
        JsonNode media = Gateway.json(gateway.get("/api/media/" + mediaId, token));
        assertThat(media.get("status").asString()).isEqualTo("READY");
        assertThat(media.at("/download/via").asString()).isEqualTo("cdn");
        var downloaded = gateway.client()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(media.at("/download/url").asString()))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.headers().firstValue("X-Cache-Status")).isPresent();
        assertThat(sha256(downloaded.body())).isEqualTo(sha256);

        // and jobs-service processed it: one media.process job under the media id, done, with what it measured
        JsonNode job = Eventually.poll(
                        Duration.ofSeconds(60),
                        () -> gateway.get("/api/jobs/by-idempotency-key/" + mediaId, token),
                        found -> found.statusCode() == 200
                                && "SUCCEEDED"
                                        .equals(Gateway.json(found)
                                                .get("status")
                                                .asString()))
                .body()
                .transform(Gateway.JSON::readTree);
        assertThat(job.get("type").asString()).isEqualTo("media.process");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode result = job.get("result");
        assertThat(result.get("mediaId").asString()).isEqualTo(mediaId);
        assertThat(result.get("sha256").asString()).isEqualTo(sha256);
        assertThat(result.get("size").asLong()).isEqualTo(image.length);
        assertThat(result.get("width").asInt()).isEqualTo(300);
        assertThat(result.get("height").asInt()).isEqualTo(150);
    }

    private HttpResponse<String> uploadTo(JsonNode put, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(put.get("url").asString()))
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        put.path("headers").properties().forEach(header -> {
            if (!SET_BY_THE_CLIENT.contains(header.getKey().toLowerCase())) {
                request.header(header.getKey(), header.getValue().asString());
            }
        });
        return gateway.send(request.build());
    }

    private static byte[] png(int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.CYAN);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.MAGENTA);
        g.drawString(Gateway.unique("e2e"), 10, height / 2);
        g.dispose();
        var png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
