package dev.syspatterns.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.media.MediaApi;
import dev.syspatterns.media.MediaServiceTest;
import dev.syspatterns.media.ObjectStoreHttp;
import dev.syspatterns.testsupport.Infrastructure;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Multipart: a large file goes to the store in parts; the service only signs, assembles and verifies. */
@MediaServiceTest
class MultipartUploadTest {

    private static final long MIB = 1024 * 1024;

    @Autowired
    MediaApi api;

    @Test
    void uploads150MibInPartsStraightToTheStoreAndDownloadsTheSameBytes() {
        // given a 150 MiB file, planned: above the threshold, so multipart with a URL per part on the store
        long size = 150 * MIB;
        long exchangedBefore = api.bytesExchanged();
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
                    URI.create(part.get("url").asString()), Map.of(), java.util.Arrays.copyOf(buffer, length));
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

        // and all the service ever exchanged with the client was a few kilobytes of JSON
        assertThat(api.bytesExchanged() - exchangedBefore).isLessThan(64 * 1024);

        api.delete("/api/media/" + plan.get("mediaId").asString());
    }

    @Test
    void completingWithPartsTheStoreDoesNotKnowIsAConflict() {
        // given a multipart upload of two parts, only the first one sent
        JsonNode plan = planned(api.plan("two.bin", "application/octet-stream", 6 * MIB, null, null, "MULTIPART"));
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
        assertThat(api.delete(plan.get("abortUrl").asString()).status()).isEqualTo(204);
        assertThat(api.get("/api/media/" + plan.get("mediaId").asString())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("ABORTED");
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
