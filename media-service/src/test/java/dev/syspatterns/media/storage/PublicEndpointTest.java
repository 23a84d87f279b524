package dev.syspatterns.media.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.media.MediaApi;
import dev.syspatterns.media.MediaServiceTest;
import dev.syspatterns.media.ObjectStoreHttp;
import dev.syspatterns.testsupport.Infrastructure;
import dev.syspatterns.testsupport.TcpProxy;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code platform.s3.public-endpoint}: clients get every URL on it, the service's own calls stay on
 * {@code platform.s3.endpoint}. Here the public endpoint is a loopback proxy to the same store, so uploads
 * through it must work with its host in the signature, and the service must not need it.
 */
@MediaServiceTest
@DirtiesContext // its own context (a property of its own): closed after the class, not kept in the cache
class PublicEndpointTest {

    private static final URI STORE = URI.create(Infrastructure.get().s3().endpoint());
    private static final TcpProxy PUBLIC = TcpProxy.to(STORE.getHost(), STORE.getPort());

    @Autowired
    MediaApi api;

    @DynamicPropertySource
    static void publicEndpoint(DynamicPropertyRegistry registry) {
        registry.add("platform.s3.public-endpoint", () -> "http://" + PUBLIC.host() + ":" + PUBLIC.port());
    }

    @AfterAll
    static void closeProxy() {
        PUBLIC.close();
    }

    @Test
    void clientsUseThePublicEndpointForEveryTechniqueAndTheServiceNeverDoes() {
        byte[] bytes = new byte[2000];
        ThreadLocalRandom.current().nextBytes(bytes);

        // given the public endpoint down: planning still works (multipart starts on the endpoint)
        PUBLIC.cut();
        JsonNode put = planned("PUT", bytes.length);
        JsonNode post = planned("POST", bytes.length);
        JsonNode multipart = planned("MULTIPART", bytes.length);

        // then every URL a client is given points at the public endpoint
        assertThat(List.of(put.at("/put/url"), post.at("/post/url"), multipart.at("/multipart/parts/0/url")))
                .allSatisfy(url -> assertThat(URI.create(url.asString()).getPort())
                        .as("%s", url)
                        .isEqualTo(PUBLIC.port()));

        // when the client sends the bytes through it, with each technique
        PUBLIC.restore();
        assertThat(ObjectStoreHttp.put(put.get("put"), bytes).statusCode()).isEqualTo(200);
        HttpResponse<String> posted = ObjectStoreHttp.postForm(post.get("post"), Map.of(), "image/png", bytes);
        assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 204);
        HttpResponse<String> part = ObjectStoreHttp.put(
                URI.create(multipart.at("/multipart/parts/0/url").asString()), Map.of(), bytes);
        assertThat(part.statusCode()).as(part.body()).isEqualTo(200);

        // and completes while the public endpoint is down again: HEAD and assembly use the endpoint
        PUBLIC.cut();
        JsonNode completed = completed(put, "{}");
        completed(post, "{}");
        completed(multipart, """
                {"parts":[{"partNumber":1,"etag":%s}]}""".formatted(api.json()
                .writeValueAsString(part.headers().firstValue("ETag").orElseThrow())));

        // then the presigned GET is on the public endpoint as well, and returns the bytes
        PUBLIC.restore();
        URI download = URI.create(completed.at("/download/url").asString());
        assertThat(download.getPort()).isEqualTo(PUBLIC.port());
        assertThat(ObjectStoreHttp.get(download).body()).isEqualTo(bytes);
    }

    private JsonNode planned(String method, long size) {
        MediaApi.Reply reply = api.plan("dot.png", "image/png", size, null, null, method);
        assertThat(reply.status()).as("plan %s: %s", method, reply.body()).isEqualTo(201);
        return reply.body();
    }

    private JsonNode completed(JsonNode plan, String body) {
        MediaApi.Reply reply = api.post(plan.get("completeUrl").asString(), body);
        assertThat(reply.status())
                .as("complete %s: %s", plan.get("method"), reply.body())
                .isEqualTo(200);
        return reply.body();
    }
}
