package dev.syspatterns.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.media.MediaApi;
import dev.syspatterns.media.MediaServiceTest;
import dev.syspatterns.media.ObjectStoreHttp;
import dev.syspatterns.testsupport.Infrastructure;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Multipart: a large file goes to the store in parts; the service only signs, assembles and verifies. */
@MediaServiceTest
class MultipartUploadTest {

    private static final long MIB = 1024 * 1024;

    /** Far below any file here; far above the plan and completion JSON (about 10 KB for 150 MiB). */
    private static final long SERVICE_BODY_BYTES_LIMIT = 64 * 1024;

    @Autowired
    MediaApi api;

    @Autowired
    MeterRegistry meters;

    @Autowired
    S3Client s3;

    @Test
    void uploads150MibInPartsStraightToTheStoreAndDownloadsTheSameBytes() {
        // given a 150 MiB file, planned: above the threshold, so multipart with a URL per part on the store
        long size = 150 * MIB;
        double serviceBytesBefore = bodyBytesThroughTheService();
        JsonNode plan = planned(api.plan("movie.mp4", "video/mp4", size, null, null, null));
        assertThat(plan.get("method").asString()).isEqualTo("MULTIPART");
        long partSize = plan.at("/multipart/partSize").asLong();
        JsonNode parts = plan.at("/multipart/parts");
        assertThat(parts).hasSize((int) ((size + partSize - 1) / partSize));
        URI store = URI.create(Infrastructure.get().s3().endpoint());
        parts.forEach(part -> {
            URI url = URI.create(part.get("url").asString());
            assertThat(url.getPort()).as("part URLs point at the store").isEqualTo(store.getPort());
            assertThat(url.getPort()).isNotEqualTo(api.port());
        });

        // when the client generates the file part by part (one part in memory at a time) and PUTs each
        MessageDigest sent = ObjectStoreHttp.sha256();
        byte[] buffer = new byte[(int) partSize];
        ArrayNode etags = api.json().createArrayNode();
        SplittableRandom generator = new SplittableRandom(42);
        for (JsonNode part : parts) {
            int length = (int) part.get("size").asLong();
            fill(generator, buffer, length);
            sent.update(buffer, 0, length);
            HttpResponse<String> put = ObjectStoreHttp.put(
                    URI.create(part.get("url").asString()), Map.of(), Arrays.copyOf(buffer, length));
            assertThat(put.statusCode()).as("part %s", part.get("partNumber")).isEqualTo(200);
            etags.add(api.json()
                    .createObjectNode()
                    .put("partNumber", part.get("partNumber").asInt())
                    .put("etag", put.headers().firstValue("ETag").orElseThrow()));
        }
        ObjectNode complete = api.json().createObjectNode();
        complete.set("parts", etags);
        MediaApi.Reply completed =
                api.post(plan.get("completeUrl").asString(), api.json().writeValueAsString(complete));

        // then the object is READY with the full size, and downloading it gives the same checksum
        assertThat(completed.status()).as("complete: %s", completed.body()).isEqualTo(200);
        assertThat(completed.body().get("status").asString()).isEqualTo("READY");
        assertThat(completed.body().get("size").asLong()).isEqualTo(size);
        URI download = URI.create(completed.body().at("/download/url").asString());
        assertThat(ObjectStoreHttp.sha256Of(download)).isEqualTo(HexFormat.of().formatHex(sent.digest()));

        // and all the service's Tomcat received and sent in request and response bodies meanwhile (whoever
        // the client) was a few kilobytes of JSON: the 150 MiB, up and down, went past it
        assertThat(bodyBytesThroughTheService() - serviceBytesBefore).isLessThan(SERVICE_BODY_BYTES_LIMIT);

        api.delete("/api/media/" + plan.get("mediaId").asString());
    }

    @Test
    void theServiceByteCountSeesBodiesTheServiceReads() {
        // The measure above must be able to fail: a body the service reads (here 60 KB of JSON that then
        // fails validation) moves it by at least its size, as file bytes sent through the service would.
        double before = bodyBytesThroughTheService();

        MediaApi.Reply reply = api.post("/api/media/uploads", "{\"pad\":\"" + "x".repeat(60_000) + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        // Tomcat adds a request to its totals just after the response has gone out
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(bodyBytesThroughTheService() - before).isGreaterThanOrEqualTo(60_000));
    }

    @Test
    void completingWithPartsTheStoreDoesNotKnowIsAConflict() {
        // given a multipart upload of two parts (16 MiB and 4 MiB), only the first one sent
        JsonNode plan = planned(api.plan("two.bin", "application/octet-stream", 20 * MIB, null, null, "MULTIPART"));
        assertThat(plan.at("/multipart/parts")).hasSize(2);
        JsonNode first = plan.at("/multipart/parts/0");
        byte[] bytes = new byte[(int) first.get("size").asLong()];
        HttpResponse<String> put =
                ObjectStoreHttp.put(URI.create(first.get("url").asString()), Map.of(), bytes);
        assertThat(put.statusCode()).isEqualTo(200);

        // when the client claims both parts
        String body = """
                {"parts":[{"partNumber":1,"etag":%s},{"partNumber":2,"etag":"\\"made-up\\""}]}
                """.formatted(api.json()
                .writeValueAsString(put.headers().firstValue("ETag").orElseThrow()));
        MediaApi.Reply completed = api.post(plan.get("completeUrl").asString(), body);

        // then nothing is assembled, and the upload can still be aborted cleanly
        assertThat(completed.status()).as("complete: %s", completed.body()).isEqualTo(409);
        assertThat(api.post(plan.get("completeUrl").asString(), "{}").status()).isEqualTo(400);
        assertThat(partsInTheStore(plan)).hasSize(1);
        assertThat(api.delete(plan.get("abortUrl").asString()).status()).isEqualTo(204);
        assertThat(api.get("/api/media/" + plan.get("mediaId").asString())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("ABORTED");

        // and the store keeps none of its parts
        assertThat(partsInTheStore(plan)).isEmpty();

        // so it takes no more parts, though the URL of the part never sent has not expired: S3 and MinIO
        // answer NoSuchUpload. S3Proxy 4.1.0 (the local store) does not check; it would file such a part
        // under its hidden .mpus-<id> prefix for good, so a late part is not even sent to it.
        if (!Infrastructure.get().providerName().startsWith("local")) {
            JsonNode second = plan.at("/multipart/parts/1");
            HttpResponse<String> late = ObjectStoreHttp.put(
                    URI.create(second.get("url").asString()),
                    Map.of(),
                    new byte[(int) second.get("size").asLong()]);
            assertThat(late.statusCode()).as(late.body()).isEqualTo(404);
            assertThat(late.body()).contains("NoSuchUpload");
        }
    }

    /**
     * The parts the store holds for the plan's upload, asked with the service's own client: none once the
     * upload is gone (S3 and MinIO answer NoSuchUpload, S3Proxy an empty list).
     */
    private List<Part> partsInTheStore(JsonNode plan) {
        // the upload id is in every part URL's query
        String uploadId = Arrays.stream(
                        URI.create(plan.at("/multipart/parts/0/url").asString())
                                .getQuery()
                                .split("&"))
                .filter(p -> p.startsWith("uploadId="))
                .map(p -> p.substring("uploadId=".length()))
                .findFirst()
                .orElseThrow();
        try {
            return s3.listParts(r -> r.bucket("test-media")
                            .key(plan.get("key").asString())
                            .uploadId(uploadId))
                    .parts();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Request and response body bytes the service's Tomcat has read and written (Micrometer's
     * {@code tomcat.global.*}, from Tomcat's MBeans). Summed over the Tomcats of this JVM's cached test
     * contexts, which only makes a delta larger; one that was shut down reads NaN and is left out.
     */
    private double bodyBytesThroughTheService() {
        double total = 0;
        for (String name : List.of("tomcat.global.received", "tomcat.global.sent")) {
            var counters = meters.find(name).functionCounters();
            assertThat(counters)
                    .as("%s needs server.tomcat.mbeanregistry.enabled", name)
                    .isNotEmpty();
            total += counters.stream()
                    .mapToDouble(FunctionCounter::count)
                    .filter(Double::isFinite)
                    .sum();
        }
        return total;
    }

    private static void fill(SplittableRandom generator, byte[] buffer, int length) {
        for (int i = 0; i < length; i += 8) {
            long value = generator.nextLong();
            for (int b = 0; b < 8 && i + b < length; b++) {
                buffer[i + b] = (byte) (value >>> (8 * b));
            }
        }
    }

    private static JsonNode planned(MediaApi.Reply reply) {
        assertThat(reply.status()).as("plan: %s", reply.body()).isEqualTo(201);
        return reply.body();
    }
}
