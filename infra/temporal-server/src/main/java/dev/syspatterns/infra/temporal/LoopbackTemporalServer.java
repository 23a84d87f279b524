package dev.syspatterns.infra.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server as a gRPC server on loopback only.
 *
 * <p>{@code io.temporal.testserver.TestServer.main} binds every interface; this machine's rule is to
 * bind loopback only, which the public API cannot do. So we assemble the same services on a Netty
 * server bound to 127.0.0.1 (internal API of temporal-test-server, pinned by the root pom's version).
 * Time skipping stays locked: workflows see real time, as against a real Temporal cluster.
 */
public final class LoopbackTemporalServer {

    private LoopbackTemporalServer() {}

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 7233;

        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        Server server = builder.build().start();

        // SIGTERM once failed to stop the stock test server: shut down explicitly and bounded.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            try {
                server.awaitTermination(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.shutdownNow();
            services.close();
        }));
        System.out.println("Temporal test server listening on " + host + ":" + port);
        server.awaitTermination();
    }
}
