package dev.syspatterns.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.deployment.DevInfrastructure;
import dev.syspatterns.deployment.Repository;
import dev.syspatterns.deployment.Yaml;
import dev.syspatterns.deployment.app.Address;
import dev.syspatterns.deployment.app.EnvironmentBinding;
import dev.syspatterns.deployment.app.ServiceConfig;
import dev.syspatterns.deployment.k8s.Manifests.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay under k8s/, rendered, against the services' own configuration read from their application.yml. */
class KubernetesManifestsTest {

    private final List<ServiceConfig> services = Repository.services();

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceHasADeploymentAndAServiceOnItsPort(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            Optional<Map<String, Object>> deployment = manifests.find("Deployment", service.name());
            softly.assertThat(deployment)
                    .as("%s: Deployment %s", overlay, service.name())
                    .isPresent();
            Optional<Map<String, Object>> k8sService = manifests.find("Service", service.name());
            softly.assertThat(k8sService)
                    .as("%s: Service %s", overlay, service.name())
                    .isPresent();
            if (deployment.isEmpty() || k8sService.isEmpty()) {
                continue;
            }
            Map<String, Object> container = app(deployment.get(), service);
            softly.assertThat(Manifests.selects(
                            Yaml.asMap(Yaml.at(k8sService.get(), "spec", "selector"), "selector"),
                            Manifests.podLabels(deployment.get())))
                    .as("%s: Service %s selects the Deployment's pods", overlay, service.name())
                    .isTrue();
            List<Map<String, Object>> ports = Yaml.asList(Yaml.at(k8sService.get(), "spec", "ports"), "ports").stream()
                    .map(p -> Yaml.asMap(p, "port"))
                    .toList();
            softly.assertThat(ports)
                    .as(
                            "%s: Service %s listens on server.port %d and forwards to it",
                            overlay, service.name(), service.port())
                    .anyMatch(p -> Integer.valueOf(service.port()).equals(p.get("port"))
                            && Manifests.containerPort(container, p.getOrDefault("targetPort", p.get("port")))
                                    .equals(Optional.of(service.port())));
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void probesUseTheActuatorHealthGroupsOnTheServicePort(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            softly.assertThat(service.healthProbesEnabled())
                    .as("%s enables management.endpoint.health.probes", service.artifact())
                    .isTrue();
            for (Map<String, Object> deployment : deploymentsOf(manifests, service)) {
                Map<String, Object> container = app(deployment, service);
                String where = overlay + ": " + Kustomize.name(deployment);
                Map<String, String> expected = new LinkedHashMap<>();
                expected.put("livenessProbe", "/actuator/health/liveness");
                expected.put("readinessProbe", "/actuator/health/readiness");
                if (container.containsKey("startupProbe")) {
                    expected.put("startupProbe", "/actuator/health/liveness");
                }
                expected.forEach((probe, path) -> {
                    Map<String, Object> get = Yaml.asMap(Yaml.at(container, probe, "httpGet"), probe);
                    softly.assertThat(get.get("path"))
                            .as("%s %s path", where, probe)
                            .isEqualTo(path);
                    softly.assertThat(Manifests.containerPort(container, get.get("port")))
                            .as("%s %s port", where, probe)
                            .hasValue(service.port());
                });
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyKeyAServiceNeedsIsProvidedAndCredentialsComeFromSecrets(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (Workload workload : workloads(manifests, overlay)) {
            EnvironmentBinding env = workload.env();
            String where = workload.where();
            softly.assertThat(env.value("server.port"))
                    .as("%s must not move the port away from application.yml", where)
                    .isEmpty();
            for (String key : workload.service().activatedBy(env).requiredSettings()) {
                softly.assertThat(env.provides(key))
                        .as(
                                "%s provides %s (e.g. %s) that %s reads",
                                where,
                                key,
                                EnvironmentBinding.variableName(key),
                                workload.service().artifact())
                        .isTrue();
                if (ServiceConfig.isSecret(key)) {
                    env.variableFor(key)
                            .ifPresent(variable -> softly.assertThat(
                                            workload.variables().get(variable).fromSecret())
                                    .as("%s: %s comes from a Secret", where, variable)
                                    .isTrue());
                }
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void connectionsPointAtServicesThatExistOrAtExternalHosts(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Map<String, Set<Integer>> servicePorts = manifests.servicePorts();
        SoftAssertions softly = new SoftAssertions();
        for (Workload workload : workloads(manifests, overlay)) {
            EnvironmentBinding env = workload.env();
            for (String key : workload.service().activatedBy(env).connectionKeys()) {
                if (!ServiceConfig.isConnectionAddress(key)) {
                    continue;
                }
                for (Address address : Address.parse(env.value(key).orElse(""))) {
                    String where = workload.where() + " " + key + " -> " + address;
                    softly.assertThat(address.isLoopback())
                            .as("%s: loopback is the pod itself", where)
                            .isFalse();
                    if (servicePorts.containsKey(address.host())) {
                        if (address.port() != Address.UNKNOWN_PORT) {
                            softly.assertThat(servicePorts.get(address.host()))
                                    .as("%s: port of Service %s", where, address.host())
                                    .contains(address.port());
                        }
                    } else {
                        softly.assertThat(overlay.equals("production") && address.isFullyQualified())
                                .as("%s: names no Service of the overlay (and is no external host name)", where)
                                .isTrue();
                    }
                }
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyDeploymentScalesIsDrainedGentlyAndHasResourceBounds(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            for (Map<String, Object> deployment : deploymentsOf(manifests, service)) {
                String name = Kustomize.name(deployment);
                String where = overlay + ": " + name;
                softly.assertThat(manifests.ofKind("HorizontalPodAutoscaler"))
                        .as("%s has a HorizontalPodAutoscaler", where)
                        .anyMatch(hpa -> name.equals(Yaml.at(hpa, "spec", "scaleTargetRef", "name"))
                                && "Deployment".equals(Yaml.at(hpa, "spec", "scaleTargetRef", "kind")));
                softly.assertThat(Yaml.at(deployment, "spec", "replicas"))
                        .as("%s leaves the replica count to its autoscaler", where)
                        .isNull();
                softly.assertThat(manifests.ofKind("PodDisruptionBudget"))
                        .as("%s has a PodDisruptionBudget", where)
                        .anyMatch(pdb -> Manifests.selects(
                                Yaml.asMap(Yaml.at(pdb, "spec", "selector", "matchLabels"), "selector"),
                                Manifests.podLabels(deployment)));
            }
        }
        for (Map<String, Object> workload : manifests.resources()) {
            for (Map<String, Object> container : Manifests.containers(workload)) {
                String where = overlay + ": " + Kustomize.name(workload) + "/" + container.get("name");
                softly.assertThat(Yaml.at(container, "resources", "requests", "cpu"))
                        .as("%s cpu request", where)
                        .isNotNull();
                softly.assertThat(Yaml.at(container, "resources", "requests", "memory"))
                        .as("%s memory request", where)
                        .isNotNull();
                softly.assertThat(Yaml.at(container, "resources", "limits", "memory"))
                        .as("%s memory limit", where)
                        .isNotNull();
            }
            if (!Manifests.podSpec(workload).isEmpty()) {
                softly.assertThat(Manifests.podSpec(workload).get("enableServiceLinks"))
                        .as(
                                "%s: %s turns service links off (they read as configuration)",
                                overlay, Kustomize.name(workload))
                        .isEqualTo(false);
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void servicesRunTheirOwnImageAsNonRootWithMetricsScraped(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            for (Map<String, Object> deployment : deploymentsOf(manifests, service)) {
                String where = overlay + ": " + Kustomize.name(deployment);
                String image = String.valueOf(app(deployment, service).get("image"));
                if (overlay.equals("local")) {
                    softly.assertThat(image)
                            .as("%s runs the image docker compose builds", where)
                            .isEqualTo("syspatterns/" + service.artifact() + ":local");
                } else {
                    softly.assertThat(image)
                            .as("%s runs a versioned image from a registry", where)
                            .contains("/" + service.artifact() + ":")
                            .doesNotEndWith(":local")
                            .doesNotEndWith(":latest");
                }
                softly.assertThat(Yaml.at(Manifests.podSpec(deployment), "securityContext", "runAsNonRoot"))
                        .as("%s runs as non-root", where)
                        .isEqualTo(true);
                Map<String, Object> annotations = Manifests.podAnnotations(deployment);
                softly.assertThat(annotations.get("prometheus.io/path"))
                        .as("%s scrape path", where)
                        .isEqualTo("/actuator/prometheus");
                softly.assertThat(annotations.get("prometheus.io/port"))
                        .as("%s scrape port", where)
                        .isEqualTo(String.valueOf(service.port()));
                softly.assertThat(service.exposesActuatorEndpoint("prometheus"))
                        .as("%s exposes /actuator/prometheus", service.artifact())
                        .isTrue();
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void jobWorkersRunInTheirOwnDeploymentApartFromTheApi(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        ServiceConfig jobs = services.stream()
                .filter(s -> s.name().equals("jobs"))
                .findFirst()
                .orElseThrow();
        Map<String, String> roles = new LinkedHashMap<>();
        for (Map<String, Object> deployment : deploymentsOf(manifests, jobs)) {
            binding(manifests.environment(app(deployment, jobs)))
                    .value("platform.jobs.role")
                    .ifPresent(role -> roles.put(Kustomize.name(deployment), role));
        }
        assertThat(roles).containsEntry("jobs", "api").containsValue("worker");
        String worker = roles.entrySet().stream()
                .filter(e -> e.getValue().equals("worker"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        assertThat(manifests.ofKind("Service"))
                .as("the jobs Service sends API calls to the API pods only")
                .noneMatch(s -> Manifests.selects(
                        Yaml.asMap(Yaml.at(s, "spec", "selector"), "selector"),
                        Manifests.podLabels(manifests.find("Deployment", worker).orElseThrow())));
    }

    @Test
    void theLocalInfrastructureCreatesEveryDatabaseTheServicesUse() {
        Manifests manifests = Manifests.render("local");
        Set<String> created = DevInfrastructure.databases();
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            for (Map<String, Object> deployment : deploymentsOf(manifests, service)) {
                manifests.environment(app(deployment, service)).values().stream()
                        .map(Variable::value)
                        .filter(v -> v.startsWith("jdbc:"))
                        .flatMap(v -> Address.parse(v).stream())
                        .forEach(a -> softly.assertThat(created)
                                .as("%s uses database %s", Kustomize.name(deployment), a.database())
                                .contains(a.database()));
            }
        }
        softly.assertAll();
    }

    @Test
    void theProductionGatewayMintsNoTokensAndVerifiesThemAgainstTheIdentityProvider() {
        Manifests manifests = Manifests.render("production");
        SoftAssertions softly = new SoftAssertions();
        for (Workload workload : workloads(manifests, "production", service("gateway"))) {
            EnvironmentBinding env = workload.env();
            ServiceConfig active = workload.service().activatedBy(env);
            String where = workload.where();
            // LocalTokenIssuer is on unless this is false: anyone could mint a token for any user.
            softly.assertThat(active.resolve("platform.gateway.auth.local-issuer.enabled", env))
                    .as("%s turns the local token issuer (POST /api/auth/token) off", where)
                    .hasValue("false");
            softly.assertThat(active.resolve("platform.gateway.auth.jwk-set-uri", env))
                    .as("%s verifies tokens against an identity provider's JWK set", where)
                    .hasValueSatisfying(uri -> assertThat(uri).startsWith("https://"));
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void urlsHandedToClientsNameHostsTheyCanReach(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Map<String, Set<Integer>> servicePorts = manifests.servicePorts();
        SoftAssertions softly = new SoftAssertions();
        for (Workload workload : workloads(manifests, overlay)) {
            EnvironmentBinding env = workload.env();
            String where = workload.where();
            if (workload.service().presignsS3Urls()) {
                // Unset, presigned URLs would name the endpoint the pod connects to: an in-cluster name.
                softly.assertThat(env.value(ServiceConfig.S3_PUBLIC_ENDPOINT))
                        .as("%s sets %s for its presigned URLs", where, ServiceConfig.S3_PUBLIC_ENDPOINT)
                        .isPresent();
            }
            for (String key : ServiceConfig.BROWSER_FACING) {
                for (Address address : Address.parse(env.value(key).orElse(""))) {
                    String what = where + " " + key + " -> " + address;
                    if (overlay.equals("local")) {
                        // Reached through kubectl port-forward svc/<name> <port> (k8s/README.md).
                        softly.assertThat(address.isLoopback())
                                .as("%s: a port-forward on the client's machine", what)
                                .isTrue();
                        softly.assertThat(servicePorts.values())
                                .as("%s: a Service listens on that port to forward to", what)
                                .anyMatch(ports -> ports.contains(address.port()));
                    } else {
                        softly.assertThat(address.isLoopback() || !address.isFullyQualified())
                                .as("%s: a public host name", what)
                                .isFalse();
                        softly.assertThat(env.value(key).orElse(""))
                                .as("%s over TLS", what)
                                .startsWith("https://");
                    }
                }
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyDeploymentCanTakeInfrastructureCredentialsFromItsSecret(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            String secret = service.name() + "-secrets";
            for (Map<String, Object> deployment : deploymentsOf(manifests, service)) {
                String where = overlay + ": " + Kustomize.name(deployment);
                softly.assertThat(Yaml.asList(app(deployment, service).get("envFrom"), "envFrom"))
                        .as("%s reads Secret %s", where, secret)
                        .anyMatch(source -> secret.equals(Yaml.at(Yaml.asMap(source, "envFrom"), "secretRef", "name")));
            }
            if (overlay.equals("production")) {
                softly.assertThat(manifests.find("Secret", secret))
                        .as("production generates %s (from secrets/%s.env)", secret, service.name())
                        .isPresent();
            }
        }
        softly.assertAll();
    }

    @Test
    void productionSecretExamplesListTheCredentialsOfWhatEachServiceConnectsTo() throws IOException {
        Map<String, String> credentials = Map.of(
                "spring.data.redis.", "SPRING_DATA_REDIS_PASSWORD",
                "spring.kafka.", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                "spring.temporal.", "SPRING_TEMPORAL_CONNECTION_API_KEY");
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services) {
            Path example = Repository.file("k8s/overlays/production/secrets/" + service.name() + ".env.example");
            String text = Files.isRegularFile(example) ? Files.readString(example) : "";
            credentials.forEach((prefix, variable) -> {
                if (service.connectionKeys().stream().anyMatch(key -> key.startsWith(prefix))) {
                    softly.assertThat(text)
                            .as("%s lists %s (%s connects to %s*)", example, variable, service.artifact(), prefix)
                            .contains(variable);
                }
            });
        }
        softly.assertAll();
    }

    private ServiceConfig service(String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + "-service module"));
    }

    /** One Deployment running a service's image, with the environment its container gets. */
    private record Workload(
            ServiceConfig service, Map<String, Variable> variables, EnvironmentBinding env, String where) {}

    /** Every Deployment of every service in the overlay. */
    private List<Workload> workloads(Manifests manifests, String overlay) {
        return services.stream()
                .flatMap(service -> workloads(manifests, overlay, service).stream())
                .toList();
    }

    private static List<Workload> workloads(Manifests manifests, String overlay, ServiceConfig service) {
        return deploymentsOf(manifests, service).stream()
                .map(deployment -> {
                    Map<String, Variable> variables = manifests.environment(app(deployment, service));
                    return new Workload(
                            service, variables, binding(variables), overlay + ": " + Kustomize.name(deployment));
                })
                .toList();
    }

    /** The Deployments that run a service's image (jobs runs twice: API and workers). */
    private static List<Map<String, Object>> deploymentsOf(Manifests manifests, ServiceConfig service) {
        return manifests.ofKind("Deployment").stream()
                .filter(d -> Manifests.containers(d).stream()
                        .anyMatch(c -> Manifests.imageRepository(c).endsWith(service.artifact())))
                .toList();
    }

    private static Map<String, Object> app(Map<String, Object> deployment, ServiceConfig service) {
        return Manifests.containers(deployment).stream()
                .filter(c -> Manifests.imageRepository(c).endsWith(service.artifact()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        Kustomize.name(deployment) + " runs no " + service.artifact() + " container"));
    }

    private static EnvironmentBinding binding(Map<String, Variable> variables) {
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach((name, variable) -> values.put(name, variable.value()));
        return new EnvironmentBinding(values);
    }
}
