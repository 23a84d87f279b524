package dev.syspatterns.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts about the development infrastructure that compose and the local k8s overlay share, and the tests use. */
public final class DevInfrastructure {

    /** The primary's init script, mounted by docker-compose.yml and by the local overlay. */
    public static final Path POSTGRES_INIT = Path.of("k8s/overlays/local/infra/postgres-init.sh");

    private static final Path TESTCONTAINERS =
            Path.of("test-support/src/main/java/dev/syspatterns/testsupport/TestcontainersInfrastructure.java");

    private DevInfrastructure() {}

    /** The databases the init script creates. */
    public static Set<String> databases() {
        Matcher m = Pattern.compile("(?m)^DATABASES=\"([^\"]*)\"").matcher(read(POSTGRES_INIT));
        if (!m.find()) {
            throw new IllegalStateException(POSTGRES_INIT + " no longer sets DATABASES=\"...\"");
        }
        return new LinkedHashSet<>(Arrays.asList(m.group(1).trim().split("\\s+")));
    }

    /** The images test-support's Testcontainers provider runs; compose runs the same ones. */
    public static Set<String> testcontainersImages() {
        Matcher m = Pattern.compile("\"([a-z0-9][a-z0-9./-]*:[A-Za-z0-9][A-Za-z0-9._-]*)\"")
                .matcher(read(TESTCONTAINERS));
        Set<String> images = new LinkedHashSet<>();
        while (m.find()) {
            images.add(m.group(1));
        }
        return images;
    }

    private static String read(Path relative) {
        try {
            return Files.readString(Repository.file(relative.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
