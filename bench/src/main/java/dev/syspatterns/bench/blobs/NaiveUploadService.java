package dev.syspatterns.bench.blobs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The naive design, for comparison: an upload endpoint that takes the file's bytes itself and forwards them to
 * the object store (here: part by part to the presigned URLs media-service plans, as a service with store
 * credentials would with the SDK). Every byte crosses this service twice, client to it and it to the store.
 * {@code PUT /upload?size=N} answers 201 with the media id.
 */
final class NaiveUploadService implements AutoCloseable {

    private final HttpServer server;
    private final Uploader uploader;

    /** Sends a stream of {@code size} bytes to the store, returning the completed media id. */
    @FunctionalInterface
    interface Uploader {
        String upload(InputStream bytes, long size) throws Exception;
    }

    NaiveUploadService(Uploader uploader) throws IOException {
        this.uploader = uploader;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/upload", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long size = Long.parseLong(exchange.getRequestURI().getQuery().replace("size=", ""));
            byte[] answer;
            int status;
            try (InputStream body = exchange.getRequestBody()) {
                answer = uploader.upload(body, size).getBytes(StandardCharsets.UTF_8);
                status = 201;
            } catch (Exception e) {
                answer = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
                status = 502;
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
