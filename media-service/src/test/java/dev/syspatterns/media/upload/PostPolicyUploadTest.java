package dev.syspatterns.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.media.MediaApi;
import dev.syspatterns.media.MediaServiceTest;
import dev.syspatterns.media.ObjectStoreHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Browser form uploads with a signed POST policy: the store enforces the policy's conditions. */
@MediaServiceTest
class PostPolicyUploadTest {

    @Autowired
    MediaApi api;

    @Test
    void formUploadWithinThePolicyIsAcceptedAndCompletes() {
        byte[] bytes = PresignedPutUploadTest.randomBytes(5000);
        JsonNode plan = planned(bytes.length);

        HttpResponse<String> posted = ObjectStoreHttp.postForm(plan.get("post"), Map.of(), "image/webp", bytes);

        assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 204);
        MediaApi.Reply completed = api.post(plan.get("completeUrl").asString(), "{}");
        assertThat(completed.body().get("status").asString()).isEqualTo("READY");
    }

    @Test
    void formUploadOverTheSizeRangeIsRejected() {
        JsonNode plan = planned(5000);

        HttpResponse<String> posted = ObjectStoreHttp.postForm(
                plan.get("post"), Map.of(), "image/webp", PresignedPutUploadTest.randomBytes(5001));

        assertThat(posted.statusCode()).isIn(400, 403);
        assertThat(posted.body()).contains("EntityTooLarge");
        assertThat(api.post(plan.get("completeUrl").asString(), "{}").status()).isEqualTo(409);
    }

    @Test
    void formUploadToAKeyOutsideItsPrefixIsRejected() {
        JsonNode plan = planned(5000);
        String elsewhere = "public/" + java.util.UUID.randomUUID() + "/blob";

        HttpResponse<String> posted = ObjectStoreHttp.postForm(
                plan.get("post"), Map.of("key", elsewhere), "image/webp", PresignedPutUploadTest.randomBytes(5000));

        assertThat(posted.statusCode()).isEqualTo(403);
    }

    @Test
    void formUploadToAnotherKeyUnderTheSamePrefixIsRejected() {
        // the policy pins the exact key: an extra object beside it would be one that abort, the sweeper and
        // delete never remove
        JsonNode plan = planned(5000);
        String key = plan.get("key").asString();
        String beside = key.substring(0, key.lastIndexOf('/') + 1) + "extra";

        HttpResponse<String> posted = ObjectStoreHttp.postForm(
                plan.get("post"), Map.of("key", beside), "image/webp", PresignedPutUploadTest.randomBytes(5000));

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(403);
    }

    @Test
    void fewerBytesThanDeclaredLandInTheStoreButCompletionRefusesThem() {
        // given a form upload of fewer bytes than declared, inside the policy's size range
        JsonNode plan = planned(5000);
        HttpResponse<String> posted = ObjectStoreHttp.postForm(
                plan.get("post"), Map.of(), "image/webp", PresignedPutUploadTest.randomBytes(4000));
        assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 204);

        // when the client completes
        MediaApi.Reply completed = api.post(plan.get("completeUrl").asString(), "{}");

        // then the size the store reports decides: a conflict that names both sizes, and still PENDING
        assertThat(completed.status()).isEqualTo(409);
        assertThat(completed.contentType()).startsWith("application/problem+json");
        assertThat(completed.body().get("detail").asString()).contains("size 5000", "holds 4000");
        assertThat(api.get("/api/media/" + plan.get("mediaId").asString())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void formUploadWithAnotherContentTypeIsRejected() {
        JsonNode plan = planned(5000);

        HttpResponse<String> posted = ObjectStoreHttp.postForm(
                plan.get("post"),
                Map.of("Content-Type", "text/html"),
                "text/html",
                PresignedPutUploadTest.randomBytes(5000));

        assertThat(posted.statusCode()).isEqualTo(403);
    }

    private JsonNode planned(long size) {
        MediaApi.Reply reply = api.plan("avatar.webp", "image/webp", size, null, null, "POST");
        assertThat(reply.status()).as("plan: %s", reply.body()).isEqualTo(201);
        assertThat(reply.body().get("method").asString()).isEqualTo("POST");
        return reply.body();
    }
}
