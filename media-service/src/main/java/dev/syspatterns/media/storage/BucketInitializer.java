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

    BucketInitializer(S3Client s3, MediaProperties properties) {
        this.s3 = s3;
        this.bucket = properties.bucket();
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
    }
}
