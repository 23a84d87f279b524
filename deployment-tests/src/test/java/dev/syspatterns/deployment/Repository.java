package dev.syspatterns.deployment;

import dev.syspatterns.deployment.app.ServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository being checked: its root, and the services found in it (every {@code *-service} module). */
public final class Repository {

    private static final Path ROOT = findRoot();

    private Repository() {}

    public static Path root() {
        return ROOT;
    }

    public static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    /** Every service module, found by looking, so a new service is checked without touching these tests. */
    public static List<ServiceConfig> services() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.filter(dir -> dir.getFileName().toString().endsWith("-service"))
                    .filter(dir -> Files.isRegularFile(dir.resolve(ServiceConfig.APPLICATION_YML)))
                    .sorted()
                    .map(ServiceConfig::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("platform")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a directory with ./platform and pom.xml) above "
                + Path.of("").toAbsolutePath());
    }
}
