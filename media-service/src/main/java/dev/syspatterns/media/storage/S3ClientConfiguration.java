package dev.syspatterns.media.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK's client for the service's own small calls (HEAD, ACL, multipart bookkeeping) on
 * {@code platform.s3.endpoint}, and the presigner for the URLs clients use, on {@code platform.s3.public-endpoint}.
 */
@Configuration(proxyBeanMethods = false)
class S3ClientConfiguration {

    @Bean(destroyMethod = "close")
    S3Client s3Client(S3Properties s3) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3))
                // Path-style (http://host/bucket/key) works with any S3-compatible store without wildcard DNS.
                .forcePathStyle(true)
                // The SDK's default trailing CRC32 checksums are not understood by every S3-compatible store.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(S3Properties s3) {
        return S3Presigner.builder()
                // the signature covers the host, so URLs are signed for the host clients will send
                .endpointOverride(s3.publicEndpoint())
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    private static StaticCredentialsProvider credentials(S3Properties s3) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
    }
}
