package dev.syspatterns.jobs.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.events.MediaUploaded;
import dev.syspatterns.events.Topics;
import dev.syspatterns.jobs.JobsApi;
import dev.syspatterns.jobs.JobsIntegrationTest;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end: an object in S3, a MediaUploaded record on Kafka (as media-service would publish it), a
 * media.process job, its result in the job and a thumbnail back in the bucket.
 */
@JobsIntegrationTest
class MediaProcessingTest {

    private static final String BUCKET = "jobs-test-media";

    @Value("${local.server.port}")
    int port;

    @Autowired
    S3Client s3;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void bucketExists() {
        try {
            s3.createBucket(b -> b.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException e) {
            // left by an earlier run
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    @Test
    void processesAnUploadedImageAndWritesItsThumbnail() throws Exception {
        // given an image uploaded to the object store
        String mediaId = UUID.randomUUID().toString();
        String key = "uploads/" + mediaId + "/photo.png";
        byte[] image = png(640, 320);
        s3.putObject(p -> p.bucket(BUCKET).key(key).contentType("image/png"), RequestBody.fromBytes(image));

        // when media-service reports the upload, twice (Kafka delivers at least once)
        MediaUploaded uploaded = MediaUploaded.of(mediaId, BUCKET, key, "image/png", image.length);
        kafka.send(Topics.MEDIA_UPLOADED, mediaId, json.writeValueAsString(uploaded))
                .get();
        kafka.send(Topics.MEDIA_UPLOADED, mediaId, json.writeValueAsString(uploaded))
                .get();

        // then one media.process job, found under the media id as a client would find it, runs to the end
        UUID jobId = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            JobsApi.Response byKey = new JobsApi(port).get("/api/jobs/by-idempotency-key/" + mediaId);
                            return byKey.status() == 200
                                    ? UUID.fromString(byKey.body().get("id").stringValue())
                                    : null;
                        },
                        id -> id != null);
        JsonNode job = new JobsApi(port).awaitStatus(jobId, "SUCCEEDED", Duration.ofSeconds(30));
        assertThat(job.get("type").stringValue()).isEqualTo("media.process");

        // with the object's hash, size and dimensions in its result
        JsonNode result = job.get("result");
        assertThat(result.get("mediaId").stringValue()).isEqualTo(mediaId);
        assertThat(result.get("sha256").stringValue()).isEqualTo(sha256(image));
        assertThat(result.get("size").asLong()).isEqualTo(image.length);
        assertThat(result.get("width").asInt()).isEqualTo(640);
        assertThat(result.get("height").asInt()).isEqualTo(320);

        // and a thumbnail, at most 256 pixels on its longest side, next to the original
        String thumbnailKey = result.get("thumbnailKey").stringValue();
        assertThat(thumbnailKey).isEqualTo("thumbnails/" + key + ".png");
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                s3.getObjectAsBytes(g -> g.bucket(BUCKET).key(thumbnailKey)).asByteArray()));
        assertThat(thumbnail.getWidth()).isEqualTo(256);
        assertThat(thumbnail.getHeight()).isEqualTo(128);

        // and the repeated event did not start a second job
        Thread.sleep(500);
        assertThat(jdbc.sql("select count(*) from jobs where idempotency_key = :key")
                        .param("key", mediaId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void fingerprintsAnObjectThatIsNotAnImageWithoutAThumbnail() throws Exception {
        String mediaId = UUID.randomUUID().toString();
        String key = "uploads/" + mediaId + "/notes.txt";
        byte[] text = ("notes " + mediaId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s3.putObject(p -> p.bucket(BUCKET).key(key).contentType("text/plain"), RequestBody.fromBytes(text));

        UUID id = new JobsApi(port)
                .submitted("{\"type\":\"media.process\",\"payload\":{\"mediaId\":\"" + mediaId + "\",\"bucket\":\""
                        + BUCKET + "\",\"key\":\"" + key + "\",\"contentType\":\"text/plain\"}}");

        JsonNode result = new JobsApi(port)
                .awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(30))
                .get("result");
        assertThat(result.get("sha256").stringValue()).isEqualTo(sha256(text));
        assertThat(result.get("size").asLong()).isEqualTo(text.length);
        assertThat(result.has("thumbnailKey")).isFalse();
        assertThat(result.has("width")).isFalse();
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
