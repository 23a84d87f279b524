package dev.syspatterns.deployment.app;

import dev.syspatterns.deployment.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's {@code application.yml} tells a deployment: its port, the actuator endpoints it exposes, and
 * the keys a deployment must provide. The deployments are checked against this, so when a service engineer adds
 * a connection key or a {@code ${...}} placeholder, the deployment tests fail until compose and k8s provide it.
 */
public record ServiceConfig(String name, Path module, Map<String, String> properties) {

    public static final String APPLICATION_YML = "src/main/resources/application.yml";

    /** The S3 host presigned URLs name; media-service defaults it to {@code platform.s3.endpoint}. */
    public static final String S3_PUBLIC_ENDPOINT = "platform.s3.public-endpoint";

    /**
     * Keys that connect a service to infrastructure. Their local defaults point at loopback, which is wrong in
     * any container, so every one the service sets must be overridden by the deployment.
     */
    private static final List<Pattern> CONNECTION_KEYS = Stream.of(
                    "spring\\.datasource\\.(url|username|password)",
                    "platform\\.replica\\.(url|username|password)",
                    "platform\\.geo\\.shards\\[\\d+]\\.(url|username|password)",
                    "spring\\.data\\.redis\\.(host|port|url|username|password)",
                    "spring\\.kafka\\.bootstrap-servers",
                    "platform\\.s3\\.(endpoint|region|access-key|secret-key)",
                    "spring\\.temporal\\.connection\\.target",
                    "spring\\.temporal\\.namespace")
            .map(Pattern::compile)
            .toList();

    /** A value that only works on the developer's machine. */
    private static final Pattern LOOPBACK = Pattern.compile("(?<![\\w.-])(127\\.0\\.0\\.1|localhost)(?![\\w.-])");

    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|secret-key|access-key|token)$");

    private static final Pattern ADDRESS_KEY = Pattern.compile(".*(url|uri|endpoint|host|bootstrap-servers|target)$");

    /**
     * Addresses handed to browsers, not used by the service to connect: they may well name localhost.
     * {@code platform.s3.public-endpoint}: the store's host in presigned URLs (media-service), when the endpoint
     * the service connects to is one only the compose network or the cluster resolves.
     */
    public static final Set<String> BROWSER_FACING = Set.of("platform.media.cdn-base-url", S3_PUBLIC_ENDPOINT);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");

    public static ServiceConfig load(Path module) {
        return load(module, List.of());
    }

    /**
     * application.yml, then for each active profile its documents there ({@code spring.config.activate.on-profile})
     * and its {@code application-<profile>.yml}, later ones overriding, as Spring Boot reads them.
     */
    private static ServiceConfig load(Path module, List<String> profiles) {
        String name = module.getFileName().toString().replaceFirst("-service$", "");
        Map<String, String> properties = new LinkedHashMap<>();
        // Other activation conditions (a cloud platform) are not decided by the deployment's variables: left out.
        for (Object document : Yaml.readAll(module.resolve(APPLICATION_YML))) {
            Map<String, Object> map = Yaml.asMap(document, module + "/" + APPLICATION_YML);
            Object activate = Yaml.at(map, "spring", "config", "activate");
            Object onProfile = Yaml.at(map, "spring", "config", "activate", "on-profile");
            if (activate == null
                    || (onProfile != null
                            && Yaml.asMap(activate, "activate").size() == 1
                            && profiles.contains(String.valueOf(onProfile).trim()))) {
                flatten("", map, properties);
            }
        }
        for (String profile : profiles) {
            Path file = module.resolve(APPLICATION_YML.replace("application.yml", "application-" + profile + ".yml"));
            if (Files.isRegularFile(file)) {
                Yaml.readAll(file).forEach(document -> flatten("", document, properties));
            }
        }
        return new ServiceConfig(name, module, properties);
    }

    /** This service's configuration with the profiles a deployment's environment activates. */
    public ServiceConfig activatedBy(EnvironmentBinding env) {
        List<String> profiles = env.value("spring.profiles.active").stream()
                .flatMap(active -> Arrays.stream(active.split(",")))
                .map(String::trim)
                .filter(profile -> !profile.isEmpty())
                .toList();
        return profiles.isEmpty() ? this : load(module, profiles);
    }

    /**
     * The value a key ends up with in a deployment: what its environment sets, else the file's value with its
     * {@code ${...}} placeholders resolved from the environment, the file or their defaults. Empty when neither
     * sets it, or a placeholder resolves nowhere (the service would not start).
     */
    public Optional<String> resolve(String key, EnvironmentBinding env) {
        Optional<String> provided = env.value(key);
        if (provided.isPresent() || !properties.containsKey(key)) {
            return provided;
        }
        Matcher m = PLACEHOLDER.matcher(properties.get(key));
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String placeholder = m.group(1).trim();
            Optional<String> fallback = Optional.ofNullable(m.group(2)).map(d -> d.substring(1));
            Optional<String> value = env.value(placeholder)
                    .or(() -> Optional.ofNullable(properties.get(placeholder)))
                    .or(() -> fallback);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(resolved);
        return Optional.of(resolved.toString());
    }

    /** Whether the service hands clients presigned S3 URLs (it builds an {@code S3Presigner}). */
    public boolean presignsS3Urls() {
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
            return sources.filter(file -> file.toString().endsWith(".java"))
                    .anyMatch(file -> read(file).contains("S3Presigner"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Maven module and image name, e.g. {@code inventory-service}. */
    public String artifact() {
        return name + "-service";
    }

    public int port() {
        String port = properties.get("server.port");
        if (port == null) {
            throw new IllegalStateException(artifact() + " sets no server.port in its application.yml");
        }
        return Integer.parseInt(port);
    }

    /** {@code ${name}} placeholders with no default that the file itself does not define. */
    public Set<String> unresolvedPlaceholders() {
        Set<String> unresolved = new TreeSet<>();
        for (String value : properties.values()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                String placeholder = m.group(1).trim();
                if (m.group(2) == null && !properties.containsKey(placeholder)) {
                    unresolved.add(placeholder);
                }
            }
        }
        return unresolved;
    }

    /**
     * Connection keys the service sets, plus any key whose value points at loopback. A key whose whole value is
     * {@code ${other.key:default}} is provided by setting {@code other.key}, so that one is required instead.
     */
    public Set<String> connectionKeys() {
        Set<String> keys = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (CONNECTION_KEYS.stream().anyMatch(p -> p.matcher(key).matches())
                    || LOOPBACK.matcher(value).find()) {
                Matcher whole = PLACEHOLDER.matcher(value.trim());
                keys.add(whole.matches() ? whole.group(1).trim() : key);
            }
        });
        return keys;
    }

    /** Everything a deployment must provide for this service. */
    public Set<String> requiredSettings() {
        Set<String> required = new TreeSet<>(connectionKeys());
        required.addAll(unresolvedPlaceholders());
        return required;
    }

    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key.toLowerCase()).matches();
    }

    /** Keys whose value names a host (a URL, host:port list or host name). */
    public static boolean isAddress(String key) {
        return ADDRESS_KEY.matcher(key.toLowerCase()).matches();
    }

    /** Keys whose value names a host the service itself connects to. */
    public static boolean isConnectionAddress(String key) {
        return isAddress(key) && !BROWSER_FACING.contains(key);
    }

    public boolean exposesActuatorEndpoint(String endpoint) {
        String include = properties.getOrDefault("management.endpoints.web.exposure.include", "health");
        Set<String> exposed =
                new TreeSet<>(Arrays.asList(include.replace(" ", "").split(",")));
        if (properties.containsKey("management.endpoints.web.exposure.include[0]")) {
            properties.forEach((k, v) -> {
                if (k.startsWith("management.endpoints.web.exposure.include[")) {
                    exposed.add(v);
                }
            });
        }
        return exposed.contains("*") || exposed.contains(endpoint);
    }

    /** Liveness and readiness groups; Boot enables them by itself only when it detects Kubernetes. */
    public boolean healthProbesEnabled() {
        return "true".equals(properties.get("management.endpoint.health.probes.enabled"));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else {
            into.put(prefix, value == null ? "" : String.valueOf(value));
        }
    }
}
