package dev.syspatterns.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An extra instance of a platform service that a benchmark starts itself (a second realtime instance, a
 * jobs process with N workers) from the service's jar, on a free loopback port, with a small heap. Close it
 * (try-with-resources) to stop it; the benchmark's own fixed-port platform is never touched.
 *
 * <p>The jar is looked up under {@code <root>/<service>-service/target/}, where {@code <root>} is
 * {@code -Dbench.jars} if set, else the repository this harness runs from.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code <service>-service} with {@code args} (Spring properties as {@code --key=value}). */
    public static ServiceProcess start(String service, List<String> args) throws IOException {
        return start(service, "256m", args);
    }

    /** As {@link #start(String, List)}, with a heap of {@code maxHeap} (a JVM size such as {@code 1g}). */
    public static ServiceProcess start(String service, String maxHeap, List<String> args) throws IOException {
        Path jar = jar(service);
        int port = freePort();
        Path log = Files.createTempFile("bench-" + service + "-" + port + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx" + maxHeap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // a harness stopped from outside (Ctrl-C, timeout) must not leave the instance running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new ServiceProcess(service + ":" + port, process, log, port);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until the instance reports ready; fails with the end of its log when it exits or is late. */
    public ServiceProcess awaitReady(Duration limit) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + tail());
            }
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(uri().resolve("/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + limit + ": " + tail());
    }

    /** Asks the instance's JVM for a full GC (jcmd), so a heap reading afterwards counts live objects only. */
    public void gc() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(process.pid()),
                        "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IllegalStateException("jcmd GC.run on " + name + " did not finish");
        }
    }

    private String tail() throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static Path jar(String service) throws IOException {
        Path root = System.getProperty("bench.jars") != null
                ? Path.of(System.getProperty("bench.jars"))
                : Files.isDirectory(Path.of("bench")) ? Path.of(".") : Path.of("..");
        Path target = root.resolve(service + "-service").resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(service + "-service-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("plain"))
                    .filter(p -> !p.getFileName().toString().contains("sources"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no " + service + "-service jar in " + target.toAbsolutePath() + ": build it first"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException(
                    "no " + target.toAbsolutePath() + ": build " + service + "-service first", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
