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
 */
@Validated
@ConfigurationProperties(prefix = "platform.s3")
public record S3Properties(
        @DefaultValue("http://127.0.0.1:9000") @NotNull URI endpoint,
        @DefaultValue("us-east-1") @NotBlank String region,
        @DefaultValue("platform") @NotBlank String accessKey,
        @DefaultValue("platform-secret") @NotBlank String secretKey) {}
