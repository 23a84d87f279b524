package dev.syspatterns.media.storage;

import dev.syspatterns.media.MediaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Creates the configured bucket at startup when it is missing, so a fresh store needs no manual step. */
@Component
class BucketInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BucketInitializer.class);

    private final S3Client s3;
    private final String bucket;
    private final boolean anonymousPublicReads;

    BucketInitializer(S3Client s3, MediaProperties properties) {
        this.s3 = s3;
        this.bucket = properties.bucket();
        this.anonymousPublicReads = properties.anonymousPublicReads();
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            try {
                s3.createBucket(r -> r.bucket(bucket));
                log.info("created bucket {}", bucket);
            } catch (BucketAlreadyOwnedByYouException raced) {
                // Another instance created it between our HEAD and CREATE: that is what we wanted.
            }
        }
        if (anonymousPublicReads) {
            openPublicPrefix();
        }
    }

    /**
     * Lets anyone GET keys under {@code public/} (and nothing else), so the CDN edge needs no credentials.
     * Stores without bucket policies (S3Proxy) answer 501: there {@link ObjectStore#makePublic} opens each
     * public object with an ACL instead (MinIO is the other way round: policies yes, object ACLs no).
     */
    private void openPublicPrefix() {
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Sid":"PublicMediaForTheEdge","Effect":"Allow",\
                "Principal":{"AWS":["*"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::%s/public/*"]}]}""".formatted(bucket);
        try {
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy));
        } catch (S3Exception e) {
            if (e.statusCode() != 501) {
                throw e;
            }
            log.info("the object store has no bucket policies; public objects get a public-read ACL each");
        }
    }
}
