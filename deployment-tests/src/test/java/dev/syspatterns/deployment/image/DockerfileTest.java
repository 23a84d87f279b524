package dev.syspatterns.deployment.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.deployment.Repository;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The one Dockerfile every service image is built from. No Docker engine runs here, so this reads it: the
 * properties below are the ones docker-compose.yml and the manifests rely on.
 */
class DockerfileTest {

    private final String dockerfile = read("Dockerfile");

    @Test
    void buildsAnyServiceFromItsSpringBootLayers() {
        assertThat(dockerfile)
                .contains("ARG SERVICE")
                .contains("ARG PORT")
                .contains("-pl \"${SERVICE}-service\" -am")
                .contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
                .contains("layers/dependencies/", "layers/spring-boot-loader/", "layers/snapshot-dependencies/")
                .contains("layers/application/")
                .contains("org.springframework.boot.loader.launch.JarLauncher");
        // Least-changing layer first, so a code change rebuilds only the last one.
        assertThat(dockerfile.indexOf("layers/dependencies/")).isLessThan(dockerfile.indexOf("layers/application/"));
    }

    @Test
    void runsOnAJreAsANonRootUserWithContainerAwareMemory() {
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:\\$\\{JAVA_VERSION}-jre\\s*$");
        assertThat(dockerfile).containsPattern("(?m)^ARG JAVA_VERSION=(21|25)$");
        assertThat(dockerfile).containsPattern("(?m)^USER 10001(:10001)?$");
        assertThat(dockerfile).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void reportsHealthFromTheReadinessGroupOnTheServicePort() {
        assertThat(dockerfile)
                .containsPattern("(?s)HEALTHCHECK .*http://127\\.0\\.0\\.1:\\$\\{APP_PORT}/actuator/health/readiness")
                .contains("APP_PORT=${PORT}");
    }

    @Test
    void keepsBuildOutputAndSecretsOutOfTheBuildContext() {
        assertThat(read(".dockerignore"))
                .contains("**/target/")
                .contains(".platform/")
                .contains("k8s/overlays/production/secrets/*.env");
    }

    private static String read(String relative) {
        try {
            return Files.readString(Repository.file(relative));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + relative, e);
        }
    }
}
