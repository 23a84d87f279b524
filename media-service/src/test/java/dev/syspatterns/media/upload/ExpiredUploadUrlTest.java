package dev.syspatterns.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.media.MediaApi;
import dev.syspatterns.media.ObjectStoreHttp;
import dev.syspatterns.testsupport.RealInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Upload URLs that outlived their expiry are refused by the store, whichever technique signed them. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.media.bucket=test-media", "platform.media.upload-url-expiry=1s"})
@RealInfrastructure(database = "media")
class ExpiredUploadUrlTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void expiredPresignedPutAndExpiredPostPolicyAreRejected() throws InterruptedException {
        // given plans whose URLs are valid for one second
        MediaApi api = new MediaApi(port, json);
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
