package dev.syspatterns.deployment.compose;

import dev.syspatterns.deployment.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One service of docker-compose.yml. */
record ComposeService(String name, Map<String, Object> definition) {

    private static final Pattern MEMORY = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*([kmg]?)i?b?");

    record PortMapping(String hostIp, int published, int target) {}

    String image() {
        return String.valueOf(definition.getOrDefault("image", ""));
    }

    Map<String, String> environment() {
        Object env = definition.get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof List<?> list) {
            for (Object entry : list) {
                String[] kv = String.valueOf(entry).split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        } else {
            Yaml.asMap(env, name + ".environment").forEach((k, v) -> result.put(k, v == null ? "" : String.valueOf(v)));
        }
        return result;
    }

    List<String> profiles() {
        return Yaml.asList(definition.get("profiles"), name + ".profiles").stream()
                .map(String::valueOf)
                .toList();
    }

    /** Dependency name -> condition ({@code service_started} for the short list form). */
    Map<String, String> dependsOn() {
        Object deps = definition.get("depends_on");
        Map<String, String> result = new LinkedHashMap<>();
        if (deps instanceof List<?> list) {
            list.forEach(d -> result.put(String.valueOf(d), "service_started"));
        } else {
            Yaml.asMap(deps, name + ".depends_on")
                    .forEach((dep, spec) -> result.put(
                            dep,
                            String.valueOf(Yaml.asMap(spec, name + ".depends_on." + dep)
                                    .getOrDefault("condition", "service_started"))));
        }
        return result;
    }

    boolean hasHealthcheck() {
        Object healthcheck = definition.get("healthcheck");
        return healthcheck instanceof Map<?, ?> h && h.get("test") != null && !Boolean.TRUE.equals(h.get("disable"));
    }

    /** The health check command as one string. */
    String healthcheckCommand() {
        Object test = Yaml.at(definition, "healthcheck", "test");
        if (test instanceof List<?> parts) {
            return String.join(" ", parts.stream().map(String::valueOf).toList());
        }
        return test == null ? "" : String.valueOf(test);
    }

    Map<String, String> buildArgs() {
        Map<String, String> result = new LinkedHashMap<>();
        Yaml.asMap(Yaml.at(definition, "build", "args"), name + ".build.args")
                .forEach((k, v) -> result.put(k, String.valueOf(v)));
        return result;
    }

    Optional<String> build(String key) {
        return Optional.ofNullable(Yaml.at(definition, "build", key)).map(String::valueOf);
    }

    /** Short syntax: {@code "ip:published:target"}, {@code "published:target"} or {@code "target"}. */
    List<PortMapping> ports() {
        List<PortMapping> result = new ArrayList<>();
        for (Object entry : Yaml.asList(definition.get("ports"), name + ".ports")) {
            String[] parts =
                    String.valueOf(entry).replaceFirst("/(tcp|udp)$", "").split(":");
            int target = Integer.parseInt(parts[parts.length - 1]);
            int published = parts.length >= 2 ? Integer.parseInt(parts[parts.length - 2]) : target;
            String ip = parts.length == 3 ? parts[0] : null;
            result.add(new PortMapping(ip, published, target));
        }
        return result;
    }

    /** The memory limit in bytes ({@code deploy.resources.limits.memory} or {@code mem_limit}). */
    Optional<Long> memoryLimit() {
        Object limit = Optional.ofNullable(Yaml.at(definition, "deploy", "resources", "limits", "memory"))
                .orElse(definition.get("mem_limit"));
        if (limit == null) {
            return Optional.empty();
        }
        Matcher m = MEMORY.matcher(String.valueOf(limit).trim());
        if (!m.matches()) {
            throw new IllegalStateException(name + ": memory limit not understood: " + limit);
        }
        double amount = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase()) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        return Optional.of((long) (amount * unit));
    }
}
