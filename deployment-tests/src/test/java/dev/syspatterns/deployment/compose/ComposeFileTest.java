package dev.syspatterns.deployment.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.deployment.DevInfrastructure;
import dev.syspatterns.deployment.PlatformScript;
import dev.syspatterns.deployment.Repository;
import dev.syspatterns.deployment.app.Address;
import dev.syspatterns.deployment.app.EnvironmentBinding;
import dev.syspatterns.deployment.app.ServiceConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the services' own configuration, read from their application.yml files. */
class ComposeFileTest {

    private static final long EIGHT_GIGABYTES = 8L << 30;

    private final ComposeFile compose = ComposeFile.read(Repository.file("docker-compose.yml"));
    private final List<ServiceConfig> services = Repository.services();

    @Test
    void everyServiceIsBuiltFromTheSharedDockerfileAndPublishedOnItsPort() {
        assertThat(services).as("service modules found").isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            ComposeService c = compose.require(service.name());
            softly.assertThat(c.image()).as("%s image", service.name()).startsWith(imageRepository(service) + ":");
            softly.assertThat(c.build("dockerfile"))
                    .as("%s dockerfile", service.name())
                    .hasValue("Dockerfile");
            softly.assertThat(c.build("context"))
                    .as("%s build context", service.name())
                    .hasValue(".");
            softly.assertThat(c.buildArgs())
                    .as("%s build args", service.name())
                    .containsEntry("SERVICE", service.name())
                    .containsEntry("PORT", String.valueOf(service.port()));
            softly.assertThat(c.ports())
                    .as("%s publishes server.port %d", service.name(), service.port())
                    .anyMatch(p -> p.published() == service.port() && p.target() == service.port());
            softly.assertThat(new EnvironmentBinding(c.environment()).value("server.port"))
                    .as("%s must not move its port away from application.yml", service.name())
                    .isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void everyServiceIsHealthyOnlyWhenItsReadinessGroupSaysSo() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            softly.assertThat(service.healthProbesEnabled())
                    .as("%s enables management.endpoint.health.probes", service.artifact())
                    .isTrue();
            softly.assertThat(service.exposesActuatorEndpoint("health"))
                    .as("%s exposes the health endpoint", service.artifact())
                    .isTrue();
            for (ComposeService c : containersOf(service)) {
                softly.assertThat(c.healthcheckCommand())
                        .as("%s health check", c.name())
                        .contains("127.0.0.1:" + service.port() + "/actuator/health/readiness");
            }
        }
        softly.assertAll();
    }

    @Test
    void everyKeyAServiceNeedsIsProvidedByItsEnvironment() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            for (ComposeService c : containersOf(service)) {
                EnvironmentBinding env = new EnvironmentBinding(c.environment());
                for (String key : service.activatedBy(env).requiredSettings()) {
                    softly.assertThat(env.provides(key))
                            .as(
                                    "compose service %s provides %s (e.g. %s) that %s reads",
                                    c.name(), key, EnvironmentBinding.variableName(key), service.artifact())
                            .isTrue();
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void servicesConnectToComposeServicesTheyWaitFor() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            for (ComposeService c : containersOf(service)) {
                EnvironmentBinding env = new EnvironmentBinding(c.environment());
                for (String key : service.activatedBy(env).connectionKeys()) {
                    if (!ServiceConfig.isConnectionAddress(key)) {
                        continue;
                    }
                    for (Address address : Address.parse(env.value(key).orElse(""))) {
                        String where = c.name() + " " + key + " -> " + address.host();
                        softly.assertThat(address.isLoopback())
                                .as("%s: loopback inside a container is the container itself", where)
                                .isFalse();
                        softly.assertThat(compose.service(address.host()))
                                .as("%s names a compose service", where)
                                .isPresent();
                        softly.assertThat(c.dependsOn())
                                .as("%s: waits for it to be healthy", where)
                                .containsEntry(address.host(), "service_healthy");
                        services.stream()
                                .filter(s -> s.name().equals(address.host()))
                                .forEach(target -> softly.assertThat(address.port())
                                        .as("%s port", where)
                                        .isEqualTo(target.port()));
                    }
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void urlsHandedToClientsNameWhatComposePublishesOnTheHost() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            for (ComposeService c : containersOf(service)) {
                EnvironmentBinding env = new EnvironmentBinding(c.environment());
                for (String key : ServiceConfig.BROWSER_FACING) {
                    for (Address address : Address.parse(env.value(key).orElse(""))) {
                        String where = c.name() + " " + key + " -> " + address;
                        softly.assertThat(address.isLoopback())
                                .as("%s: the host's view (a container name resolves only inside compose)", where)
                                .isTrue();
                        softly.assertThat(compose.services().values())
                                .as("%s: a compose service publishes that port", where)
                                .anyMatch(published ->
                                        published.ports().stream().anyMatch(p -> p.published() == address.port()));
                    }
                }
                if (!service.presignsS3Urls()) {
                    continue;
                }
                // Presigned URLs must reach the very store the service writes to, published on the host.
                List<Address> store =
                        Address.parse(env.value("platform.s3.endpoint").orElse(""));
                List<Address> published = Address.parse(
                        env.value(ServiceConfig.S3_PUBLIC_ENDPOINT).orElse(""));
                softly.assertThat(published)
                        .as("%s sets %s for its presigned URLs", c.name(), ServiceConfig.S3_PUBLIC_ENDPOINT)
                        .hasSize(1);
                softly.assertThat(store).as("%s platform.s3.endpoint", c.name()).hasSize(1);
                if (published.size() == 1 && store.size() == 1) {
                    softly.assertThat(compose.require(store.getFirst().host()).ports())
                            .as("%s: %s is %s published on the host", c.name(), published.getFirst(), store.getFirst())
                            .anyMatch(p -> p.published() == published.getFirst().port()
                                    && p.target() == store.getFirst().port());
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void everyDependencyHasAHealthCheckAndIsWaitedFor() {
        SoftAssertions softly = new SoftAssertions();
        compose.services()
                .values()
                .forEach(c -> c.dependsOn().forEach((dependency, condition) -> {
                    String where = c.name() + " depends on " + dependency;
                    softly.assertThat(compose.service(dependency)).as(where).isPresent();
                    compose.service(dependency).ifPresent(d -> {
                        switch (condition) {
                            case "service_healthy" ->
                                softly.assertThat(d.hasHealthcheck())
                                        .as("%s: %s has a health check", where, dependency)
                                        .isTrue();
                            case "service_completed_successfully" ->
                                softly.assertThat(d.ports())
                                        .as("%s: only one-shot tasks are waited for to complete", where)
                                        .isEmpty();
                            default -> softly.fail("%s with condition %s: it is not waited for", where, condition);
                        }
                    });
                }));
        softly.assertAll();
    }

    @Test
    void eachPatternsProfileStartsEverythingItDependsOn() {
        SoftAssertions softly = new SoftAssertions();
        compose.services()
                .values()
                .forEach(c -> softly.assertThat(c.profiles())
                        .as("%s is in profile 'all'", c.name())
                        .contains("all"));
        for (ServiceConfig service : services) {
            for (String needed : dependencyClosure(service.name())) {
                softly.assertThat(compose.require(needed).profiles())
                        .as("--profile %s starts %s, which %s needs", service.name(), needed, service.name())
                        .contains(service.name());
            }
        }
        softly.assertAll();
    }

    @Test
    void theWholeSetFitsInEightGigabytes() {
        SoftAssertions softly = new SoftAssertions();
        long total = 0;
        for (ComposeService c : compose.services().values()) {
            softly.assertThat(c.memoryLimit())
                    .as("%s has a memory limit", c.name())
                    .isPresent();
            total += c.memoryLimit().orElse(0L);
        }
        softly.assertThat(total).as("sum of memory limits (bytes)").isLessThanOrEqualTo(EIGHT_GIGABYTES);
        softly.assertAll();
    }

    @Test
    void theInfrastructurePlatformStartsIsHereOnItsFixedPorts() {
        List<String> started = PlatformScript.composeInfrastructure();
        SoftAssertions softly = new SoftAssertions();
        for (String name : started) {
            softly.assertThat(compose.service(name))
                    .as("./platform starts compose service %s", name)
                    .isPresent();
            compose.service(name).ifPresent(c -> {
                if (isOneShot(name)) {
                    // `up --wait` fails on a task that exits, even with 0, unless a service it starts waits for it.
                    softly.assertThat(started)
                            .as("./platform starts a service that waits for one-shot %s to complete", name)
                            .anyMatch(other -> compose.service(other)
                                    .map(o -> "service_completed_successfully"
                                            .equals(o.dependsOn().get(name)))
                                    .orElse(false));
                    return;
                }
                int port = PlatformScript.infrastructurePort(name);
                softly.assertThat(c.ports())
                        .as("%s published on 127.0.0.1:%d for services run by ./platform", name, port)
                        .anyMatch(p -> p.published() == port && "127.0.0.1".equals(p.hostIp()));
                softly.assertThat(c.hasHealthcheck())
                        .as("%s has a health check (./platform waits with --wait)", name)
                        .isTrue();
            });
        }
        softly.assertAll();
    }

    @Test
    void thePlatformScriptStartsTheWholeInfrastructureAndRemovesExactlyThat() {
        Set<String> infrastructure = new LinkedHashSet<>();
        compose.services().values().stream()
                .filter(c -> !c.image().startsWith("syspatterns/"))
                .forEach(c -> infrastructure.add(c.name()));
        assertThat(PlatformScript.composeInfrastructure())
                .as("./platform up starts every infrastructure service of docker-compose.yml")
                .containsExactlyInAnyOrderElementsOf(infrastructure);
        assertThat(PlatformScript.composeInfrastructureRemoved())
                .as("./platform down removes what it started")
                .containsExactlyInAnyOrderElementsOf(PlatformScript.composeInfrastructure());
        assertThat(PlatformScript.composeSubcommands())
                .as("./platform never runs docker compose down: it would take services it did not start")
                .doesNotContain("down");
    }

    @Test
    void infrastructureRunsTheImagesTheTestsRunOn() {
        Set<String> composeImages = new LinkedHashSet<>();
        compose.services().values().forEach(c -> composeImages.add(c.image()));
        assertThat(DevInfrastructure.testcontainersImages()).isNotEmpty();
        assertThat(composeImages).containsAll(DevInfrastructure.testcontainersImages());
    }

    @Test
    void everyDatabaseAServiceUsesIsCreatedLikeThePlatformScriptCreatesIt() {
        Set<String> created = DevInfrastructure.databases();
        assertThat(created).isEqualTo(PlatformScript.serviceDatabases());
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            for (ComposeService c : containersOf(service)) {
                c.environment().values().stream()
                        .filter(v -> v.startsWith("jdbc:"))
                        .flatMap(v -> Address.parse(v).stream())
                        .forEach(a -> softly.assertThat(created)
                                .as("%s uses database %s", c.name(), a.database())
                                .contains(a.database()));
            }
        }
        softly.assertAll();
    }

    @Test
    void credentialsMatchTheServersTheyLogInTo() {
        Map<String, String> postgres = compose.require("postgres").environment();
        Map<String, String> s3 = compose.require("s3").environment();
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            for (ComposeService c : containersOf(service)) {
                EnvironmentBinding env = new EnvironmentBinding(c.environment());
                for (String key : service.connectionKeys()) {
                    String expected = key.endsWith(".username")
                            ? postgres.get("POSTGRES_USER")
                            : key.endsWith(".password")
                                    ? postgres.get("POSTGRES_PASSWORD")
                                    : key.equals("platform.s3.access-key")
                                            ? s3.get("MINIO_ROOT_USER")
                                            : key.equals("platform.s3.secret-key")
                                                    ? s3.get("MINIO_ROOT_PASSWORD")
                                                    : null;
                    if (expected != null && !key.startsWith("spring.data.redis")) {
                        softly.assertThat(env.value(key))
                                .as("%s %s", c.name(), key)
                                .hasValue(expected);
                    }
                }
            }
        }
        softly.assertAll();
    }

    /** The compose services that run a service's image (jobs runs twice: API and worker). */
    private List<ComposeService> containersOf(ServiceConfig service) {
        List<ComposeService> containers = compose.services().values().stream()
                .filter(c -> c.image().startsWith(imageRepository(service) + ":"))
                .toList();
        assertThat(containers)
                .as("compose services running %s", service.artifact())
                .isNotEmpty();
        return containers;
    }

    /** A task some service waits for to complete, rather than to be healthy. */
    private boolean isOneShot(String name) {
        return compose.services().values().stream()
                .anyMatch(c ->
                        "service_completed_successfully".equals(c.dependsOn().get(name)));
    }

    private static String imageRepository(ServiceConfig service) {
        return "syspatterns/" + service.artifact();
    }

    private Set<String> dependencyClosure(String start) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                compose.service(next).ifPresent(c -> todo.addAll(c.dependsOn().keySet()));
            }
        }
        return seen;
    }
}
