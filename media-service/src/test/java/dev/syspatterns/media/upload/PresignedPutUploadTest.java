package dev.syspatterns.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.syspatterns.media.MediaApi;
import dev.syspatterns.media.MediaProperties;
import dev.syspatterns.media.MediaServiceTest;
import dev.syspatterns.media.MediaUploadedProbe;
import dev.syspatterns.media.ObjectStoreHttp;
import dev.syspatterns.testsupport.Infrastructure;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Single presigned PUT: the client sends bytes to the store, the service signs, verifies and records. */
@MediaServiceTest
class PresignedPutUploadTest {

    @Autowired
    MediaApi api;

    @Autowired
    StaleUploadSweeper sweeper;

    @Autowired
    MediaProperties properties;

    @Test
    void uploadsWithPlainHttpClientAndDownloadsTheSameBytesThroughPresignedGet() {
        // given a private upload planned by the service
        byte[] bytes = randomBytes(300_000);
        JsonNode plan = planned(api.plan("scan.pdf", "application/pdf", bytes.length, null, null, null));
        assertThat(plan.get("method").asString()).isEqualTo("PUT");

        // when the client PUTs the bytes itself and completes
        assertThat(ObjectStoreHttp.put(plan.get("put"), bytes).statusCode()).isEqualTo(200);
        MediaApi.Reply completed = api.post(plan.get("completeUrl").asString(), "{}");

        // then the media is READY, and its presigned GET returns exactly those bytes
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.body().get("status").asString()).isEqualTo("READY");
        JsonNode fetched =
                api.get("/api/media/" + plan.get("mediaId").asString()).body();
        assertThat(fetched.at("/download/via").asString()).isEqualTo("presigned-get");
        HttpResponse<byte[]> download =
                ObjectStoreHttp.get(URI.create(fetched.at("/download/url").asString()));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        // and the object is not readable without a signature, at the store or through the edge
        assertThat(ObjectStoreHttp.get(unsigned(fetched.at("/download/url").asString()))
                        .statusCode())
                .isEqualTo(403);
        // (the edge serves only public/ keys: anything else is 404 there, before the store is asked)
        if (edgeRuns()) {
            URI viaEdge = URI.create(
                    properties.cdnBaseUrl() + "/test-media/" + plan.get("key").asString());
            assertThat(ObjectStoreHttp.get(viaEdge).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void servesPublicMediaThroughTheCdnEdgeWithLongCachingAndAVisibleHit() {
        // given a public upload with its checksum, completed
        byte[] bytes = randomBytes(200_000);
        String sha256 = ObjectStoreHttp.sha256Hex(bytes);
        JsonNode plan = planned(api.plan("cat.png", "image/png", bytes.length, sha256, "PUBLIC", null));
        assertThat(plan.get("key").asString()).startsWith("public/").endsWith("/" + sha256);
        assertThat(ObjectStoreHttp.put(plan.get("put"), bytes).statusCode()).isEqualTo(200);
        assertThat(api.post(plan.get("completeUrl").asString(), "{}").status()).isEqualTo(200);

        assumeTrue(edgeRuns(), "the CDN edge runs with the local infrastructure");

        // when it is fetched twice through the URL the service hands out
        JsonNode fetched =
                api.get("/api/media/" + plan.get("mediaId").asString()).body();
        assertThat(fetched.at("/download/via").asString()).isEqualTo("cdn");
        URI cdnUrl = URI.create(fetched.at("/download/url").asString());
        assertThat(cdnUrl.getPort()).isEqualTo(8090);
        HttpResponse<byte[]> first = ObjectStoreHttp.get(cdnUrl);
        HttpResponse<byte[]> second = ObjectStoreHttp.get(cdnUrl);

        // then the edge served the same bytes, the second time from its cache, cacheable for a year
        assertThat(first.statusCode())
                .as("the CDN edge must run: ./platform cdn up")
                .isEqualTo(200);
        assertThat(first.body()).isEqualTo(bytes);
        assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(second.body()).isEqualTo(bytes);
        assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("HIT");
        assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void completionPublishesMediaUploadedKeyedByMediaId() {
        try (MediaUploadedProbe probe = new MediaUploadedProbe()) {
            // given an uploaded object
            byte[] bytes = randomBytes(10_000);
            JsonNode plan = planned(api.plan("clip.mp4", "video/mp4", bytes.length, null, null, null));
            ObjectStoreHttp.put(plan.get("put"), bytes);
            String mediaId = plan.get("mediaId").asString();

            // when it is completed, twice (a client retrying)
            api.post(plan.get("completeUrl").asString(), "{}");
            api.post(plan.get("completeUrl").asString(), "{}");

            // then exactly one MediaUploaded event says where the object is (every record with its key,
            // from every batch, until a few seconds after the first: the relay polls every 500 ms)
            List<ConsumerRecord<String, String>> records =
                    probe.allWithKey(mediaId, Duration.ofSeconds(20), Duration.ofSeconds(3));
            assertThat(records).hasSize(1);
            JsonNode event = api.json().readTree(records.getFirst().value());
            assertThat(event.get("channel").asString()).isEqualTo("media." + mediaId);
            assertThat(event.get("bucket").asString()).isEqualTo("test-media");
            assertThat(event.get("key").asString()).isEqualTo(plan.get("key").asString());
            assertThat(event.get("contentType").asString()).isEqualTo("video/mp4");
            assertThat(event.get("size").asLong()).isEqualTo(bytes.length);
        }
    }

    @Test
    void completingBeforeTheObjectExistsIsAConflictAndLeavesItPending() {
        JsonNode plan = planned(api.plan("later.png", "image/png", 1234, null, null, null));

        MediaApi.Reply reply = api.post(plan.get("completeUrl").asString(), "{}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("detail").asString()).contains("no object");
        assertThat(api.get("/api/media/" + plan.get("mediaId").asString())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void storeRejectsBytesWithAnotherContentTypeThanTheSignedOne() {
        byte[] bytes = randomBytes(1000);
        JsonNode plan = planned(api.plan("photo.jpg", "image/jpeg", bytes.length, null, null, null));
        Map<String, String> headers = ObjectStoreHttp.signedHeaders(plan.get("put"));
        headers.put("Content-Type", "text/html");

        HttpResponse<String> put =
                ObjectStoreHttp.put(URI.create(plan.at("/put/url").asString()), headers, bytes);

        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(api.post(plan.get("completeUrl").asString(), "{}").status()).isEqualTo(409);
    }

    @Test
    void storeRejectsBytesThatDoNotMatchTheSignedChecksum() {
        byte[] declared = randomBytes(1000);
        JsonNode plan = planned(
                api.plan("photo.jpg", "image/jpeg", declared.length, ObjectStoreHttp.sha256Hex(declared), null, null));

        HttpResponse<String> put = ObjectStoreHttp.put(plan.get("put"), randomBytes(1000));

        assertThat(put.statusCode()).as(put.body()).isBetween(400, 403);
    }

    @Test
    void storeRejectsAMoreOrLessBytesThanDeclared() {
        JsonNode plan = planned(api.plan("photo.jpg", "image/jpeg", 1000, null, null, null));

        HttpResponse<String> put = ObjectStoreHttp.put(plan.get("put"), randomBytes(1001));

        assertThat(put.statusCode()).isEqualTo(403);
    }

    @Test
    void keysAreTheServersAndASignedUrlCannotBeBentToAnotherKey() {
        // given a filename that tries to climb out of its prefix
        byte[] bytes = randomBytes(1000);
        JsonNode plan = planned(api.plan("../../public/victim/blob", "image/png", bytes.length, null, null, null));
        String key = plan.get("key").asString();
        String mediaId = plan.get("mediaId").asString();

        // then the key ignores it entirely
        assertThat(key).isEqualTo("private/" + mediaId + "/blob").doesNotContain("..");

        // and a URL whose path is edited to another key is refused by the store
        String url = plan.at("/put/url").asString();
        URI bent = URI.create(url.replace(key, "public/" + mediaId + "/blob"));
        assertThat(ObjectStoreHttp.put(bent, ObjectStoreHttp.signedHeaders(plan.get("put")), bytes)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void refusesDisallowedTypesOversizeUploadsAndBodiesThatLookLikeFiles() {
        MediaApi.Reply html = api.plan("x.html", "text/html", 10, null, null, null);
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.body().get("detail").asString()).contains("text/html");

        MediaApi.Reply huge = api.plan("x.mp4", "video/mp4", 6L * 1024 * 1024 * 1024, null, null, null);
        assertThat(huge.status()).isEqualTo(413);

        MediaApi.Reply invalid = api.post("/api/media/uploads", "{\"contentType\":\"image/png\",\"size\":-1}");
        assertThat(invalid.status()).isEqualTo(400);

        // a megabyte sent to the service itself is refused at the door: bytes belong on the store
        MediaApi.Reply body = api.post("/api/media/uploads", "{\"pad\":\"" + "x".repeat(1 << 20) + "\"}");
        assertThat(body.status()).isEqualTo(413);
    }

    @Test
    void abortedUploadCannotBeCompletedAndItsObjectIsGone() {
        byte[] bytes = randomBytes(1000);
        JsonNode plan = planned(api.plan("gone.png", "image/png", bytes.length, null, null, null));
        ObjectStoreHttp.put(plan.get("put"), bytes);

        assertThat(api.delete(plan.get("abortUrl").asString()).status()).isEqualTo(204);

        MediaApi.Reply completed = api.post(plan.get("completeUrl").asString(), "{}");
        assertThat(completed.status()).isEqualTo(409);
        assertThat(completed.body().get("detail").asString()).contains("ABORTED");
    }

    @Test
    void sweeperExpiresUploadsThatNeverComplete() {
        JsonNode plan = planned(api.plan("never.png", "image/png", 1000, null, null, null));

        int expired = sweeper.sweep(Instant.now().plus(Duration.ofDays(1)));

        assertThat(expired).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/media/" + plan.get("mediaId").asString())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("EXPIRED");
    }

    @Test
    void deleteRemovesTheObjectAndTheRecord() {
        byte[] bytes = randomBytes(1000);
        JsonNode plan = planned(api.plan("bye.png", "image/png", bytes.length, null, null, null));
        ObjectStoreHttp.put(plan.get("put"), bytes);
        api.post(plan.get("completeUrl").asString(), "{}");
        String mediaId = plan.get("mediaId").asString();
        URI download = URI.create(
                api.get("/api/media/" + mediaId).body().at("/download/url").asString());

        assertThat(api.delete("/api/media/" + mediaId).status()).isEqualTo(204);

        assertThat(api.get("/api/media/" + mediaId).status()).isEqualTo(404);
        assertThat(ObjectStoreHttp.get(download).statusCode()).isEqualTo(404);
    }

    private static JsonNode planned(MediaApi.Reply reply) {
        assertThat(reply.status()).as("plan: %s", reply.body()).isEqualTo(201);
        return reply.body();
    }

    /** The edge is nginx from ./platform (local processes); under Testcontainers the store is elsewhere. */
    private static boolean edgeRuns() {
        return Infrastructure.get().providerName().startsWith("local");
    }

    private static URI unsigned(String presignedUrl) {
        return URI.create(presignedUrl.substring(0, presignedUrl.indexOf('?')));
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
