package dev.syspatterns.bench.realtime;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.Http;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Prometheus;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import dev.syspatterns.bench.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * Delivery from publish to subscriber per transport: WebSocket, SSE, long poll, short poll every second.
 * Messages are published on one realtime-service instance (the platform's, 8081) and received from another
 * (FULL: an instance this benchmark starts itself; SMOKE: the same instance, to stay within seconds), so every
 * message crosses Kafka's fan-out. Each message carries the harness's send time; latency is publish -> receive
 * on one clock.
 *
 * <p>Also counted: HTTP requests per delivered message (upgrade or stream open, every poll), and (FULL, on the
 * instance started here) heap per open connection: live heap after a forced GC with the connections open minus
 * before, divided by their number. Correct means every subscriber got every message exactly once, in order.
 */
public final class RealtimeDeliveryBenchmark implements Benchmark {

    private enum Transport {
        WEBSOCKET("WebSocket"),
        SSE("SSE"),
        LONG_POLL("long poll"),
        SHORT_POLL("short poll (1 s)");

        final String label;

        Transport(String label) {
            this.label = label;
        }
    }

    /** FULL: the subscribers are split over this many instances besides the publishing one. */
    private static final int RECEIVING_INSTANCES = 2;

    /** Connections being opened at once (the servers' accept queues hold more than this). */
    private static final int CONNECTING = 200;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    @Override
    public String name() {
        return "realtime";
    }

    @Override
    public String question() {
        return "How long does a published message take to reach subscribers on another instance over WebSocket, SSE, "
                + "long polling and short polling (1 s), how many HTTP requests does each delivery cost, and how much "
                + "memory does an open connection hold?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int subscribers = scale.pick(6, 5000);
        int messages = scale.pick(5, 10);
        long spacingMs = scale.pick(200, 1000);
        URI publisher = platform.service("realtime");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Measurement> measurements = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<ServiceProcess> instances = new ArrayList<>();
        try {
            List<URI> receivers = List.of(publisher);
            if (scale == Scale.FULL) {
                for (int i = 0; i < RECEIVING_INSTANCES; i++) {
                    instances.add(ServiceProcess.start(
                            "realtime", "1g", List.of("--platform.realtime.ingest.enabled=false")));
                }
                for (ServiceProcess instance : instances) {
                    instance.awaitReady(Duration.ofMinutes(4));
                }
                receivers = instances.stream().map(ServiceProcess::uri).toList();
            }
            for (Transport t : Transport.values()) {
                String channel = "bench." + run + "." + t.name().toLowerCase(Locale.ROOT);
                measurements.add(
                        deliver(t, subscribers, messages, spacingMs, channel, publisher, receivers, instances, scale));
            }
        } finally {
            for (ServiceProcess instance : instances) {
                instance.close();
            }
        }
        checks.add("every subscriber of every transport received each of the " + messages
                + " messages exactly once, in publish order (offsets consecutive, payload sequence intact)");
        checks.add(
                scale == Scale.FULL
                        ? "published on the platform's instance (8081); the " + subscribers + " subscribers of each "
                                + "transport were split evenly over " + RECEIVING_INSTANCES
                                + " other instances started "
                                + "for the run (1 GiB heap each): every message crossed the Kafka fan-out"
                        : "SMOKE: published and received on the platform's instance (8081); FULL uses two other instances");
        return new Result(name(), question(), scale, measurements, checks);
    }

    /** What one subscriber has seen; {@code record} throws on a duplicate, a gap or a reordering. */
    private static final class Received {
        private int next;
        private long lastOffset;

        /** Takes the next message in order; returns when it was sent (harness nanoTime). */
        synchronized long record(JsonNode message) {
            JsonNode data = message.get("data");
            int seq = data.get("seq").asInt();
            long offset = message.get("offset").asLong();
            if (seq != next || (lastOffset != 0 && offset != lastOffset + 1)) {
                throw new IllegalStateException("expected message " + next + " after offset " + lastOffset + ", got "
                        + seq + " at offset " + offset);
            }
            next++;
            lastOffset = offset;
            return data.get("sentAt").asLong();
        }

        synchronized int count() {
            return next;
        }

        synchronized long lastOffset() {
            return lastOffset;
        }
    }

    /** What the subscribers of one transport share while it is measured. */
    private static final class Delivery {
        final String channel;
        final int messages;
        final Histogram latency = new ConcurrentHistogram(3);
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        // Thousands of clients connecting at once would overflow the servers' accept queues (connect retries
        // then show up as latency): connections are opened at most CONNECTING at a time.
        final Semaphore connecting = new Semaphore(CONNECTING);
        final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
        final CountDownLatch done;

        Delivery(String channel, int messages, int subscribers) {
            this.channel = channel;
            this.messages = messages;
            this.done = new CountDownLatch(subscribers);
        }

        /** Records {@code message} for {@code subscriber}; counts the subscriber done with its last message. */
        void received(Received subscriber, JsonNode message, long at) {
            if (message.get("data").get("seq").asInt() < 0) {
                return; // the message that created the channel
            }
            long sentAt = subscriber.record(message);
            latency.recordValue(Math.max(1, (at - sentAt) / 1_000));
            delivered.incrementAndGet();
            if (subscriber.count() == messages) {
                done.countDown();
            }
        }

        void failed(Throwable e) {
            failure.compareAndSet(null, e);
        }

        String path(String rest) {
            return "/api/realtime/channels/" + channel + rest;
        }
    }

    private Measurement deliver(
            Transport transport,
            int n,
            int messages,
            long spacingMs,
            String channel,
            URI publisher,
            List<URI> receivers,
            List<ServiceProcess> instances,
            Scale scale)
            throws Exception {
        Http http = new Http();
        Delivery run = new Delivery(channel, messages, n);
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            received.add(new Received());
        }
        // a first message makes the channel exist, so polls have an offset to start after
        publish(http, publisher, channel, -1);
        long start = Http.json(Http.expect(200, http.get(receivers.getFirst().resolve(run.path("/messages?since=0")))))
                .get("latestOffset")
                .asLong();

        Double heapBefore = heap(instances);
        ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < n; i++) {
                Received r = received.get(i);
                URI receiver = receivers.get(i % receivers.size());
                loops.execute(() -> {
                    switch (transport) {
                        case WEBSOCKET -> webSocket(run, receiver, r);
                        case SSE -> sse(run, receiver, r);
                        case LONG_POLL -> poll(run, receiver, start, r, true);
                        case SHORT_POLL -> poll(run, receiver, start, r, false);
                    }
                });
            }
            awaitSubscribed(http, transport, receivers, channel, n, run.failure);
            String memory = "n/a";
            if (heapBefore != null && transport != Transport.SHORT_POLL) {
                memory = String.format(Locale.ROOT, "%.1f", (heap(instances) - heapBefore) / 1024 / n);
            }
            long t0 = System.nanoTime();
            for (int k = 0; k < messages; k++) {
                publish(http, publisher, channel, k);
                Thread.sleep(spacingMs);
            }
            Duration limit = Duration.ofSeconds(scale.pick(60, 180));
            if (!run.done.await(limit.toSeconds(), TimeUnit.SECONDS) || run.failure.get() != null) {
                Throwable failure = run.failure.get();
                if (failure != null) {
                    throw new IllegalStateException(transport.label + ": " + failure.getMessage(), failure);
                }
                long short_ =
                        received.stream().filter(x -> x.count() < messages).count();
                throw new IllegalStateException(transport.label + ": " + short_ + " of " + n
                        + " subscribers did not get all " + messages + " messages within " + limit);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long delivered = run.delivered.get();
            if (delivered != (long) n * messages) {
                throw new IllegalStateException(
                        transport.label + ": " + delivered + " deliveries, expected " + (long) n * messages);
            }
            return new Measurement(transport.label, delivered, seconds, run.latency, Map.of())
                    .withNote("subscribers", n + " on " + receivers.size() + " instance(s)")
                    .withNote("messages", messages + ", one every " + spacingMs + " ms")
                    .withNote(
                            "HTTP requests per delivered message",
                            String.format(Locale.ROOT, "%.3f", run.requests.get() / (double) delivered))
                    .withNote("heap KiB per connection", memory);
        } finally {
            loops.shutdownNow();
            for (AutoCloseable c : run.open) {
                c.close();
            }
            loops.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void publish(Http http, URI publisher, String channel, int seq) {
        Http.expect(
                202,
                http.postJson(
                        publisher.resolve("/api/realtime/channels/" + channel + "/messages"),
                        Map.of("data", Map.of("seq", seq, "sentAt", System.nanoTime()))));
    }

    /**
     * Waits until every subscriber is in place on its instance: streams and sockets count in presence once
     * subscribed, long polls in the {@code realtime.longpoll.waiting} gauge; short polls need no connection.
     */
    private static void awaitSubscribed(
            Http http,
            Transport transport,
            List<URI> receivers,
            String channel,
            int n,
            AtomicReference<Throwable> failure)
            throws InterruptedException {
        if (transport == Transport.SHORT_POLL) {
            Thread.sleep(1000);
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            int here = 0;
            for (URI receiver : receivers) {
                here += transport == Transport.LONG_POLL
                        ? (int) new Prometheus(http, receiver).sum("realtime_longpoll_waiting")
                        : Http.json(Http.expect(
                                        200,
                                        http.get(receiver.resolve("/api/realtime/channels/" + channel + "/presence"))))
                                .get("onThisInstance")
                                .asInt();
            }
            if (here >= n) {
                return;
            }
            if (failure.get() != null) {
                throw new IllegalStateException(transport.label + ": " + failure.get(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(transport.label + ": " + here + " of " + n + " subscribed after 120 s");
            }
            Thread.sleep(200);
        }
    }

    /** Live heap summed over the started instances after a forced GC; null when none was started. */
    private Double heap(List<ServiceProcess> instances) throws Exception {
        if (instances.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (ServiceProcess instance : instances) {
            instance.gc();
            sum += new Prometheus(new Http(), instance.uri()).sum("jvm_memory_used_bytes", "area=\"heap\"");
        }
        return sum;
    }

    private void webSocket(Delivery run, URI receiver, Received r) {
        URI ws = URI.create("ws://" + receiver.getHost() + ":" + receiver.getPort() + "/ws/realtime");
        try {
            run.connecting.acquire();
            WebSocket socket;
            CompletableFuture<Void> welcomed = new CompletableFuture<>();
            try {
                run.requests.incrementAndGet();
                socket = client.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(30))
                        .buildAsync(ws, new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    long now = System.nanoTime();
                                    try {
                                        JsonNode frame = Http.JSON.readTree(text.toString());
                                        String type = frame.get("type").asString();
                                        if (type.equals("message")) {
                                            run.received(r, frame, now);
                                        } else if (type.equals("welcome")) {
                                            welcomed.complete(null);
                                        } else if (!type.equals("subscribed")) {
                                            throw new IllegalStateException("unexpected frame " + text);
                                        }
                                    } catch (RuntimeException e) {
                                        run.failed(e);
                                    }
                                    text.setLength(0);
                                }
                                webSocket.request(1);
                                return null;
                            }
                        })
                        .join();
                // the server speaks first; the protocol has a client send only after its welcome
                welcomed.orTimeout(30, TimeUnit.SECONDS).join();
                socket.sendText("{\"type\":\"subscribe\",\"channel\":\"" + run.channel + "\"}", true)
                        .join();
            } finally {
                run.connecting.release();
            }
            run.open.add(() -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            run.failed(e);
        }
    }

    private void sse(Delivery run, URI receiver, Received r) {
        try {
            run.requests.incrementAndGet();
            HttpResponse<java.util.stream.Stream<String>> response;
            run.connecting.acquire();
            try {
                response = client.send(
                        HttpRequest.newBuilder(receiver.resolve(run.path("/stream")))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
            } finally {
                run.connecting.release();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("SSE answered " + response.statusCode());
            }
            try (var lines = response.body()) {
                String event = "message";
                var it = lines.iterator();
                while (it.hasNext() && r.count() < run.messages) {
                    String line = it.next();
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && event.equals("message")) {
                        long now = System.nanoTime();
                        run.received(r, Http.JSON.readTree(line.substring(5).trim()), now);
                    } else if (line.isEmpty()) {
                        event = "message";
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            run.failed(e);
        }
    }

    /**
     * Long poll: ask again as soon as an answer arrives. Short poll: ask once a second. The first request of
     * each client waits its turn to connect; later ones reuse the kept-alive connection.
     */
    private void poll(Delivery run, URI receiver, long start, Received r, boolean longPoll) {
        try {
            if (!longPoll) {
                // clients poll on their own schedules, not in lockstep
                Thread.sleep((long) (Math.random() * 1000));
            }
            boolean first = true;
            while (r.count() < run.messages) {
                long since = r.count() == 0 ? start : r.lastOffset();
                String path = longPoll ? "/poll?since=" + since + "&timeoutSeconds=30" : "/messages?since=" + since;
                run.requests.incrementAndGet();
                HttpRequest request = HttpRequest.newBuilder(receiver.resolve(run.path(path)))
                        .timeout(Duration.ofSeconds(60))
                        .build();
                CompletableFuture<HttpResponse<String>> sent;
                if (first) {
                    // a long poll answers only later: hold the turn long enough for the connection to open
                    run.connecting.acquire();
                    try {
                        sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                        Thread.sleep(20);
                    } finally {
                        run.connecting.release();
                    }
                    first = false;
                } else {
                    sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                }
                HttpResponse<String> response = sent.get();
                long now = System.nanoTime();
                if (response.statusCode() == 200) {
                    for (JsonNode message : Http.JSON.readTree(response.body()).get("messages")) {
                        run.received(r, message, now);
                    }
                } else if (response.statusCode() != 204) {
                    throw new IllegalStateException("poll answered " + response.statusCode() + ": " + response.body());
                }
                if (!longPoll && r.count() < run.messages) {
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            run.failed(e);
        }
    }
}
