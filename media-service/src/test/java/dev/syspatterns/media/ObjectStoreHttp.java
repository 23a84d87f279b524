package dev.syspatterns.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a client does against the object store with nothing but {@code java.net.http}: no AWS SDK, no
 * credentials, only the URLs and headers of an upload plan.
 */
public final class ObjectStoreHttp {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ObjectStoreHttp() {}

    public static HttpResponse<String> put(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        // Content-Length is the client's own business (and restricted in java.net.http); the rest is signed.
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length")) {
                request.header(name, value);
            }
        });
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** PUTs with the plan's signed headers, as given in the plan's JSON. */
    public static HttpResponse<String> put(JsonNode presigned, byte[] body) {
        return put(URI.create(presigned.get("url").asString()), signedHeaders(presigned), body);
    }

    /** The headers a presigned URL was signed with, as the plan lists them; mutable, for tests that tamper. */
    public static Map<String, String> signedHeaders(JsonNode presigned) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        presigned
                .get("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        return headers;
    }

    /** A browser form upload: the policy's fields (optionally overridden), then the file. */
    public static HttpResponse<String> postForm(
            JsonNode form, Map<String, String> overrides, String type, byte[] file) {
        String boundary = "----media-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        form.get("fields")
                .properties()
                .forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        fields.putAll(overrides);
        fields.forEach((name, value) -> write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                        + "Content-Type: " + type + "\r\n\r\n");
        body.writeBytes(file);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(
                HttpRequest.newBuilder(URI.create(form.get("url").asString()))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<byte[]> get(URI url) {
        return send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Streams a download through SHA-256 without holding it: for objects too big to keep in memory. */
    public static String sha256Of(URI url) {
        HttpResponse<InputStream> response =
                send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        MessageDigest digest = sha256();
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
