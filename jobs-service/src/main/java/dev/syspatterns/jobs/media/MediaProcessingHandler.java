package dev.syspatterns.jobs.media;

import dev.syspatterns.events.MediaUploaded;
import dev.syspatterns.jobs.JobsProperties;
import dev.syspatterns.jobs.worker.InvalidJobPayload;
import dev.syspatterns.jobs.worker.JobContext;
import dev.syspatterns.jobs.worker.JobHandler;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code media.process}: downloads an uploaded object, computes its SHA-256 and size and, for images, its
 * dimensions, and writes a thumbnail back to the same bucket under {@code thumbnail-prefix + key + ".png"}.
 *
 * <p>Idempotent by construction: everything it writes is derived from the object alone and goes to a key
 * derived from the source key, so a second run (after a lost lease) overwrites the thumbnail with the same bytes.
 */
@Component
class MediaProcessingHandler implements JobHandler {

    static final String TYPE = "media.process";

    private final S3Client s3;
    private final JsonMapper json;
    private final JobsProperties.Media config;

    MediaProcessingHandler(S3Client s3, JsonMapper json, JobsProperties properties) {
        this.s3 = s3;
        this.json = json;
        this.config = properties.media();
    }

    /** The payload of a media.process job. */
    record Target(String mediaId, String bucket, String key, String contentType) {

        static Target of(MediaUploaded uploaded) {
            return new Target(uploaded.mediaId(), uploaded.bucket(), uploaded.key(), uploaded.contentType());
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(JsonNode payload) {
        for (String field : new String[] {"bucket", "key"}) {
            JsonNode value = payload.get(field);
            if (value == null || !value.isString() || value.stringValue().isBlank()) {
                throw new InvalidJobPayload(TYPE, field + " must be a non-blank string");
            }
        }
    }

    @Override
    public JsonNode handle(JsonNode payload, JobContext context) throws IOException {
        validate(payload);
        Target target = json.treeToValue(payload, Target.class);
        Path download = Files.createTempFile("media-", ".bin");
        try {
            Fingerprint fingerprint = download(target, download);
            context.progress(40);

            ObjectNode result = json.createObjectNode();
            result.put("mediaId", target.mediaId());
            result.put("bucket", target.bucket());
            result.put("key", target.key());
            result.put("contentType", fingerprint.contentType());
            result.put("size", fingerprint.size());
            result.put("sha256", fingerprint.sha256());

            BufferedImage image = isImage(fingerprint.contentType()) ? ImageIO.read(download.toFile()) : null;
            context.progress(60);
            if (image != null) {
                result.put("width", image.getWidth());
                result.put("height", image.getHeight());
                String thumbnailKey = config.thumbnailPrefix() + target.key() + ".png";
                byte[] thumbnail = thumbnail(image);
                context.checkpoint();
                s3.putObject(
                        put -> put.bucket(target.bucket()).key(thumbnailKey).contentType("image/png"),
                        RequestBody.fromBytes(thumbnail));
                result.put("thumbnailKey", thumbnailKey);
            }
            return result;
        } finally {
            Files.deleteIfExists(download);
        }
    }

    private record Fingerprint(long size, String sha256, String contentType) {}

    /** Streams the object to a file while hashing it, so large objects never sit in memory whole. */
    private Fingerprint download(Target target, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (ResponseInputStream<GetObjectResponse> object =
                        s3.getObject(get -> get.bucket(target.bucket()).key(target.key()));
                InputStream hashing = new DigestInputStream(object, sha256);
                OutputStream out = Files.newOutputStream(file)) {
            Long length = object.response().contentLength();
            if (length != null && length > config.maxObjectSize()) {
                throw new IllegalArgumentException("object " + target.key() + " has " + length
                        + " bytes, more than platform.jobs.media.max-object-size " + config.maxObjectSize());
            }
            long size = hashing.transferTo(out);
            String contentType = target.contentType() != null
                    ? target.contentType()
                    : object.response().contentType();
            return new Fingerprint(size, HexFormat.of().formatHex(sha256.digest()), contentType);
        }
    }

    private byte[] thumbnail(BufferedImage image) throws IOException {
        double scale = Math.min(1.0, (double) config.thumbnailSize() / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(scaled, "png", png);
        return png.toByteArray();
    }

    private static boolean isImage(String contentType) {
        return contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("image/");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
