package dev.syspatterns.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No service module depends on another service module: they share only platform-events, platform-web and platform-tracing. */
class ServiceModulesAreIndependentTest {

    private static final Pattern SERVICE_DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.syspatterns</groupId>\\s*<artifactId>([a-z-]+-service)</artifactId>");

    @Test
    void noServicePomNamesAnotherService() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        for (String service : PlatformArchitecture.SERVICES) {
            Path pom = root.resolve(service + "-service").resolve("pom.xml");
            assertThat(pom).exists();
            var matcher = SERVICE_DEPENDENCY.matcher(Files.readString(pom));
            if (matcher.find()) {
                fail(service + "-service depends on the service module " + matcher.group(1));
            }
        }
    }
}
