package dev.syspatterns.media.storage;

import dev.syspatterns.media.MediaProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The object store as media-service uses it: it signs URLs for clients and makes small metadata calls
 * itself. No method here reads or writes an object's bytes; that is the whole point of the pattern.
 */
@Component
public class ObjectStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final PostPolicySigner postPolicy;
    private final String bucket;
    private final boolean anonymousPublicReads;

    ObjectStore(S3Client s3, S3Presigner presigner, PostPolicySigner postPolicy, MediaProperties properties) {
        this.s3 = s3;
        this.presigner = presigner;
        this.postPolicy = postPolicy;
        this.bucket = properties.bucket();
        this.anonymousPublicReads = properties.anonymousPublicReads();
    }

    public String bucket() {
        return bucket;
    }

    /**
     * A single PUT whose signature covers the content type, the exact length and, when given, the SHA-256
     * (S3 then refuses bytes with another checksum), so the URL admits only the object that was declared.
     */
    public PresignedUrl presignPut(
            String key, String contentType, long size, Optional<String> sha256Base64, Duration expiry) {
        return toUrl(presigner.presignPutObject(p -> p.signatureDuration(expiry).putObjectRequest(r -> {
            r.bucket(bucket).key(key).contentType(contentType).contentLength(size);
            sha256Base64.ifPresent(r::checksumSHA256);
        })));
    }

    public PostForm presignPost(String key, String contentType, long maxBytes, Instant expiresAt) {
        return postPolicy.sign(bucket, key, contentType, maxBytes, expiresAt);
    }

    public PresignedUrl presignGet(String key, Duration expiry) {
        return toUrl(presigner.presignGetObject(p -> p.signatureDuration(expiry)
                .getObjectRequest(r -> r.bucket(bucket).key(key))));
    }

    public String createMultipartUpload(String key, String contentType) {
        return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType))
                .uploadId();
    }

    public PresignedUrl presignPart(String key, String uploadId, int partNumber, long size, Duration expiry) {
        return toUrl(presigner.presignUploadPart(p -> p.signatureDuration(expiry)
                .uploadPartRequest(r -> r.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .contentLength(size))));
    }

    /** Stitches the parts together in the store; throws {@link StoreRejected} when the parts do not match. */
    public void completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        try {
            s3.completeMultipartUpload(r -> r.bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts.stream()
                            .map(part -> software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                                    .partNumber(part.partNumber())
                                    .eTag(part.etag())
                                    .build())
                            .toList())));
        } catch (S3Exception e) {
            throw new StoreRejected(
                    e.awsErrorDetails() == null
                            ? e.getMessage()
                            : e.awsErrorDetails().errorCode(),
                    e);
        }
    }

    /** Frees the parts the store keeps for an unfinished multipart upload; gone already is fine. */
    public void abortMultipartUpload(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }

    public Optional<StoredObject> head(String key) {
        try {
            var head = s3.headObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.contentLength(), head.contentType(), head.eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Anonymous reads of this one object, so the CDN edge can pull it without credentials. Stores without
     * object ACLs (501) rely on the bucket policy {@code BucketInitializer} set on {@code public/}.
     */
    public void makePublic(String key) {
        if (!anonymousPublicReads) {
            return;
        }
        try {
            s3.putObjectAcl(r -> r.bucket(bucket).key(key).acl(ObjectCannedACL.PUBLIC_READ));
        } catch (S3Exception e) {
            if (e.statusCode() != 501) {
                throw e;
            }
        }
    }

    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    private static PresignedUrl toUrl(PresignedRequest request) {
        // Host is added by the HTTP client itself; every other signed header must be sent as signed.
        Map<String, String> headers = request.signedHeaders().entrySet().stream()
                .filter(e -> !e.getKey().equalsIgnoreCase("host"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.join(",", e.getValue())));
        try {
            return new PresignedUrl(request.url().toURI(), headers, request.expiration());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed an invalid URL", e);
        }
    }

    /** The URL of an object on a host that serves the store's paths (the CDN edge), path-style. */
    public URI pathOn(URI base, String key) {
        return URI.create(base.toString().replaceAll("/+$", "") + "/" + bucket + "/" + key);
    }
}
