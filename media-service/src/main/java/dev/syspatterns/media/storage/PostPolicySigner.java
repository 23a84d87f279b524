package dev.syspatterns.media.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs a browser form upload (S3 POST policy, Signature Version 4). The AWS SDK v2 has no builder for it,
 * and the signing is the point of the technique: the store, not the service, enforces every condition of
 * the signed policy (bucket, exact key, content type, size range, expiry) when the form arrives. The form
 * is posted to {@code platform.s3.public-endpoint}, where clients reach the store.
 */
@Component
class PostPolicySigner {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final S3Properties s3;
    private final JsonMapper json;

    PostPolicySigner(S3Properties s3, JsonMapper json) {
        this.s3 = s3;
        this.json = json;
    }

    PostForm sign(String bucket, String key, String contentType, long maxBytes, Instant expiresAt) {
        Instant now = Instant.now();
        String credential = s3.accessKey() + "/" + DAY.format(now) + "/" + s3.region() + "/s3/aws4_request";
        String amzDate = STAMP.format(now);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("expiration", expiresAt.truncatedTo(ChronoUnit.SECONDS).toString());
        policy.put(
                "conditions",
                List.of(
                        Map.of("bucket", bucket),
                        // the exact key, not a prefix: any other key would be an object that abort,
                        // the sweeper and delete never hear of
                        Map.of("key", key),
                        Map.of("Content-Type", contentType),
                        List.of("content-length-range", 1, maxBytes),
                        Map.of("x-amz-algorithm", ALGORITHM),
                        Map.of("x-amz-credential", credential),
                        Map.of("x-amz-date", amzDate)));
        String encodedPolicy = Base64.getEncoder()
                .encodeToString(json.writeValueAsString(policy).getBytes(StandardCharsets.UTF_8));

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("x-amz-algorithm", ALGORITHM);
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        fields.put("policy", encodedPolicy);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(signingKey(now), encodedPolicy)));
        return new PostForm(URI.create(s3.publicEndpoint().toString().replaceAll("/+$", "") + "/" + bucket), fields);
    }

    private byte[] signingKey(Instant now) {
        byte[] key = hmac(("AWS4" + s3.secretKey()).getBytes(StandardCharsets.UTF_8), DAY.format(now));
        key = hmac(key, s3.region());
        key = hmac(key, "s3");
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
