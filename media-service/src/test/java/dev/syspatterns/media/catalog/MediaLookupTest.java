package dev.syspatterns.media.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.media.MediaApi;
import dev.syspatterns.media.MediaServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Reading and removing media records. */
@MediaServiceTest
class MediaLookupTest {

    @Autowired
    MediaApi api;

    @Test
    void unknownMediaIsNotFoundAsProblemJson() {
        UUID id = UUID.randomUUID();

        MediaApi.Reply get = api.get("/api/media/" + id);
        MediaApi.Reply delete = api.delete("/api/media/" + id);

        assertThat(get.status()).isEqualTo(404);
        assertThat(get.contentType()).startsWith("application/problem+json");
        assertThat(get.body().get("detail").asString()).contains(id.toString());
        assertThat(delete.status()).isEqualTo(404);
    }

    @Test
    void pendingMediaHasNoDownloadLinkYet() {
        JsonNode plan =
                api.plan("soon.png", "image/png", 10, null, "PUBLIC", null).body();

        JsonNode media = api.get("/api/media/" + plan.get("mediaId").asString()).body();

        assertThat(media.get("status").asString()).isEqualTo("PENDING");
        assertThat(media.get("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(media.has("download")).isFalse();
    }
}
