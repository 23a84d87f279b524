package dev.syspatterns.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.media.MediaApi;
import dev.syspatterns.media.MediaServiceTest;
import dev.syspatterns.media.ObjectStoreHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Upload URLs that outlived their expiry are refused by the store, whichever technique signed them. */
@MediaServiceTest
@TestPropertySource(properties = "platform.media.upload-url-expiry=1s")
class ExpiredUploadUrlTest {

    @Autowired
    MediaApi api;

    @Test
    void expiredPresignedPutAndExpiredPostPolicyAreRejected() throws InterruptedException {
        // given plans whose URLs are valid for one second
        byte[] bytes = PresignedPutUploadTest.randomBytes(1000);
        JsonNode put = api.plan("late.png", "image/png", bytes.length, null, null, "PUT")
                .body();
        JsonNode post = api.plan("late.png", "image/png", bytes.length, null, null, "POST")
                .body();

        // when the client comes back later
        Thread.sleep(2500);

        // then the store refuses both
        assertThat(ObjectStoreHttp.put(put.get("put"), bytes).statusCode()).isEqualTo(403);
        assertThat(ObjectStoreHttp.postForm(post.get("post"), Map.of(), "image/png", bytes)
                        .statusCode())
                .isEqualTo(403);
    }
}
