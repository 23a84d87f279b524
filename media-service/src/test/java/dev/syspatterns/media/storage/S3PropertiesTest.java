package dev.syspatterns.media.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** platform.s3.public-endpoint as application.yml binds it: blank (the env var unset) means the endpoint. */
class S3PropertiesTest {

    @Test
    void blankOrMissingPublicEndpointIsTheEndpoint() {
        assertThat(bind(Map.of("platform.s3.endpoint", "http://s3:9000", "platform.s3.public-endpoint", ""))
                        .publicEndpoint())
                .isEqualTo(URI.create("http://s3:9000"));
        assertThat(bind(Map.of("platform.s3.endpoint", "http://s3:9000")).publicEndpoint())
                .isEqualTo(URI.create("http://s3:9000"));
    }

    @Test
    void publicEndpointWhenSetIsKeptApartFromTheEndpoint() {
        S3Properties s3 = bind(Map.of(
                "platform.s3.endpoint", "http://s3:9000", "platform.s3.public-endpoint", "http://localhost:9000"));

        assertThat(s3.endpoint()).isEqualTo(URI.create("http://s3:9000"));
        assertThat(s3.publicEndpoint()).isEqualTo(URI.create("http://localhost:9000"));
    }

    private static S3Properties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("platform.s3", S3Properties.class);
    }
}
