package dev.syspatterns.jobs.media;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The object store, under the platform-wide {@code platform.s3} keys that every service and test-support share
 * (so it is its own record rather than part of JobsProperties).
 */
@ConfigurationProperties(prefix = "platform.s3")
@Validated
record S3Properties(
        @DefaultValue("http://127.0.0.1:9000") URI endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        @NotBlank @DefaultValue("platform") String accessKey,
        @NotBlank @DefaultValue("platform-secret") String secretKey,
        @DefaultValue("true") boolean pathStyle) {}
