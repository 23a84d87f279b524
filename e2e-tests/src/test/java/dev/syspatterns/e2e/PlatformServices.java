package dev.syspatterns.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts one service's real process through the {@code ./platform} script that started the
 * services ({@code ./platform services stop|start <name>}; start waits until the service is ready).
 */
final class PlatformServices {

    static final Path PLATFORM = Path.of(System.getProperty("e2e.platform", "../platform"));

    private PlatformServices() {}

    /**
     * Fails the scenario when the script is not there: the suite runs only under {@code ./platform test}, which
     * passes its path, so a missing script is a broken setup, not a reason to skip quietly.
     */
    static void requireScript() {
        if (!Files.isExecutable(PLATFORM)) {
            throw new AssertionError("this scenario stops and starts services through the ./platform script, but "
                    + PLATFORM.toAbsolutePath() + " is not an executable file (system property e2e.platform)");
        }
    }

    static void stop(String service) throws IOException, InterruptedException {
        run("stop", service);
    }

    static void start(String service) throws IOException, InterruptedException {
        run("start", service);
    }

    private static void run(String action, String service) throws IOException, InterruptedException {
        Path log = Path.of("target", "platform-services-" + action + "-" + service + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(PLATFORM.toString(), "services", action, service)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(200, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroy();
            throw new AssertionError(
                    "./platform services " + action + " " + service + " failed: " + Files.readString(log));
        }
    }
}
