package dev.syspatterns.bench.blobs;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.ByteCountingProxy;
import dev.syspatterns.bench.Http;
import dev.syspatterns.bench.Load;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A large upload two ways. Presigned: the client asks media-service for a plan and sends the bytes straight to
 * the object store (multipart, one presigned URL per part), then completes. Naive (the baseline): the client
 * sends the bytes to a service that forwards them to the store ({@link NaiveUploadService}, in the harness:
 * media-service has, by design, no endpoint a file could be sent to). A byte-counting relay in front of each
 * service measures what that service carried. The data is generated while sent (no file), and each upload is
 * downloaded again and must hash to the same SHA-256.
 */
public final class BlobUploadBenchmark implements Benchmark {

    private static final long MIB = 1024 * 1024;

    private final HttpClient raw = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Override
    public String name() {
        return "blobs";
    }

    @Override
    public String question() {
        return "How many bytes pass through the service when a large file is uploaded with presigned URLs straight to "
                + "the object store, against a naive upload proxied through a service?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        long size = scale.pick(8, 500) * MIB;
        Http http = new Http();
        URI media = platform.service("media");
        List<String> checks = new ArrayList<>();

        Measurement naive;
        try (NaiveUploadService service = new NaiveUploadService((body, n) -> uploadThroughPlan(http, media, body, n));
                ByteCountingProxy wire = new ByteCountingProxy(service.uri())) {
            String[] mediaId = new String[1];
            String[] sent = new String[1];
            naive = Load.measure("naive: proxied through a service", 1, 1, Duration.ofMinutes(5), i -> {
                GeneratedData data = new GeneratedData(size, 11);
                HttpResponse<String> r = raw.send(
                        HttpRequest.newBuilder(wire.uri().resolve("/upload?size=" + size))
                                .timeout(Duration.ofMinutes(5))
                                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                        HttpRequest.BodyPublishers.ofInputStream(() -> data), size))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                mediaId[0] = Http.expect(201, r).body();
                sent[0] = data.sha256();
            });
            sameBytes(http, media, mediaId[0], sent[0], size, checks, "naive");
            naive = carried(naive, wire, size);
        }

        Measurement presigned;
        try (ByteCountingProxy wire = new ByteCountingProxy(media)) {
            String[] mediaId = new String[1];
            String[] sent = new String[1];
            presigned = Load.measure("presigned: straight to the store", 1, 1, Duration.ofMinutes(5), i -> {
                GeneratedData data = new GeneratedData(size, 11);
                mediaId[0] = uploadThroughPlan(http, wire.uri(), data, size);
                sent[0] = data.sha256();
            });
            presigned = carried(presigned, wire, size);
            long carried = wire.bytesToService() + wire.bytesFromService();
            if (carried > MIB) {
                throw new IllegalStateException("media-service carried " + carried + " bytes of a " + size
                        + "-byte presigned upload: file bytes are passing through it");
            }
            checks.add(String.format(
                    Locale.ROOT,
                    "presigned: media-service exchanged %d bytes with the client (plan, completion; counted on the "
                            + "wire) for a %d MiB upload; the naive service received every byte",
                    carried,
                    size / MIB));
            sameBytes(http, media, mediaId[0], sent[0], size, checks, "presigned");
        }
        return new Result(name(), question(), scale, List.of(naive, presigned), checks);
    }

    private static Measurement carried(Measurement m, ByteCountingProxy wire, long size) {
        return m.withNote("MiB/s", String.format(Locale.ROOT, "%.1f", size / (double) MIB / m.seconds()))
                .withNote("bytes into the service", wire.bytesToService())
                .withNote("bytes out of the service", wire.bytesFromService());
    }

    /** Plans a multipart upload at {@code media}, sends each part to its presigned URL, completes it. */
    private String uploadThroughPlan(Http http, URI media, InputStream bytes, long size) throws Exception {
        JsonNode plan = Http.json(Http.expect(
                201,
                http.postJson(
                        media.resolve("/api/media/uploads"),
                        Map.of(
                                "filename", "bench.bin",
                                "contentType", "application/octet-stream",
                                "size", size,
                                "method", "MULTIPART"))));
        List<Map<String, Object>> parts = new ArrayList<>();
        for (JsonNode part : plan.get("multipart").get("parts")) {
            byte[] chunk = bytes.readNBytes((int) part.get("size").asLong());
            if (chunk.length != part.get("size").asLong()) {
                throw new IllegalStateException("the upload ended before part " + part.get("partNumber"));
            }
            HttpResponse<String> stored = raw.send(
                    HttpRequest.newBuilder(URI.create(part.get("url").asString()))
                            .timeout(Duration.ofMinutes(2))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Http.expect(200, stored);
            parts.add(Map.of(
                    "partNumber",
                    part.get("partNumber").asInt(),
                    "etag",
                    stored.headers().firstValue("ETag").orElseThrow()));
        }
        String id = plan.get("mediaId").asString();
        Http.expect(200, http.postJson(media.resolve(plan.get("completeUrl").asString()), Map.of("parts", parts)));
        return id;
    }

    /** Downloads the media through its presigned GET and compares length and SHA-256; then deletes it. */
    private void sameBytes(
            Http http, URI media, String id, String sha256, long size, List<String> checks, String variant)
            throws IOException, InterruptedException {
        JsonNode item = Http.json(Http.expect(200, http.get(media.resolve("/api/media/" + id))));
        URI url = URI.create(item.get("download").get("url").asString());
        HttpResponse<InputStream> r = raw.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest;
        long read = 0;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(r.body(), digest)) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                read += n;
            }
        }
        String downloaded = HexFormat.of().formatHex(digest.digest());
        if (r.statusCode() != 200 || read != size || !downloaded.equals(sha256)) {
            throw new IllegalStateException(variant + " upload " + id + ": downloaded " + read + " bytes (status "
                    + r.statusCode() + ") with SHA-256 " + downloaded + ", uploaded " + size + " bytes with " + sha256);
        }
        checks.add(variant + ": downloaded again through a presigned GET, " + size + " bytes, SHA-256 identical ("
                + sha256.substring(0, 16) + "...)");
        Http.expect(
                204,
                http.send(HttpRequest.newBuilder(media.resolve("/api/media/" + id))
                        .DELETE()
                        .build()));
    }
}
