package dev.syspatterns.media.storage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the S3-compatible object store answers. A record of its own because these key names are shared by
 * the whole platform (test-support sets them for every service's tests).
 *
 * @param endpoint where the service itself reaches the store (HEAD, multipart bookkeeping, delete)
 * @param publicEndpoint where clients reach the same store: every presigned URL and form action points
 *     there, and its host is part of the signature. Unset or blank: the same as {@code endpoint}. They
 *     differ when the service sits in a network of its own (compose: {@code http://s3:9000} inside,
 *     {@code http://localhost:9000} for a browser on the host).
 */
@Validated
@ConfigurationProperties(prefix = "platform.s3")
public record S3Properties(
        @DefaultValue("http://127.0.0.1:9000") @NotNull URI endpoint,
        URI publicEndpoint,
        @DefaultValue("us-east-1") @NotBlank String region,
        @DefaultValue("platform") @NotBlank String accessKey,
        @DefaultValue("platform-secret") @NotBlank String secretKey) {

    public S3Properties {
        if (publicEndpoint == null || publicEndpoint.toString().isBlank()) {
            publicEndpoint = endpoint;
        }
    }
}
