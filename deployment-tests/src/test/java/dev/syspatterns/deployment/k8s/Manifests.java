package dev.syspatterns.deployment.k8s;

import dev.syspatterns.deployment.Repository;
import dev.syspatterns.deployment.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The rendered resources of one overlay, with the lookups the checks need. */
record Manifests(String overlay, List<Map<String, Object>> resources) {

    private static final Set<String> POD_TEMPLATES = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    /** Renders k8s/overlays/&lt;overlay&gt;; secret env files absent from git are read from their .example. */
    static Manifests render(String overlay) {
        Kustomize kustomize =
                new Kustomize(file -> Files.exists(file) ? file : file.resolveSibling(file.getFileName() + ".example"));
        return new Manifests(overlay, kustomize.build(Repository.file("k8s/overlays/" + overlay)));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(Kustomize.kind(r))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> name.equals(Kustomize.name(r))).findFirst();
    }

    static Map<String, Object> podSpec(Map<String, Object> resource) {
        if (!POD_TEMPLATES.contains(Kustomize.kind(resource))) {
            return Map.of();
        }
        return Yaml.asMap(Yaml.at(resource, "spec", "template", "spec"), Kustomize.name(resource) + " pod spec");
    }

    static Map<String, Object> podLabels(Map<String, Object> resource) {
        return Yaml.asMap(Yaml.at(resource, "spec", "template", "metadata", "labels"), "pod labels");
    }

    static Map<String, Object> podAnnotations(Map<String, Object> resource) {
        return Yaml.asMap(Yaml.at(resource, "spec", "template", "metadata", "annotations"), "pod annotations");
    }

    static List<Map<String, Object>> containers(Map<String, Object> resource) {
        Map<String, Object> spec = podSpec(resource);
        List<Map<String, Object>> containers = new ArrayList<>();
        for (String field : List.of("initContainers", "containers")) {
            Yaml.asList(spec.get(field), field).forEach(c -> containers.add(Yaml.asMap(c, field)));
        }
        return containers;
    }

    static String imageRepository(Map<String, Object> container) {
        String image = String.valueOf(container.get("image"));
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    /** A container's port number for a probe's or Service's port (a number or a port name). */
    static Optional<Integer> containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return Optional.of(number);
        }
        return Yaml.asList(container.get("ports"), "ports").stream()
                .map(p -> Yaml.asMap(p, "port"))
                .filter(p -> Objects.equals(p.get("name"), port))
                .map(p -> (Integer) p.get("containerPort"))
                .findFirst();
    }

    /** A variable the container gets, and whether it comes from a Secret. */
    record Variable(String value, boolean fromSecret) {}

    /** Every environment variable of a container, with ConfigMaps and Secrets resolved. */
    Map<String, Variable> environment(Map<String, Object> container) {
        Map<String, Variable> env = new LinkedHashMap<>();
        for (Object entry : Yaml.asList(container.get("envFrom"), "envFrom")) {
            Map<String, Object> source = Yaml.asMap(entry, "envFrom");
            String prefix = String.valueOf(source.getOrDefault("prefix", ""));
            boolean secret = source.containsKey("secretRef");
            String kind = secret ? "Secret" : "ConfigMap";
            Map<String, Object> ref = Yaml.asMap(source.get(secret ? "secretRef" : "configMapRef"), "envFrom ref");
            String name = String.valueOf(ref.get("name"));
            // An optional source that does not exist adds nothing; the pod starts without it.
            if (Boolean.TRUE.equals(ref.get("optional")) && find(kind, name).isEmpty()) {
                continue;
            }
            data(kind, name).forEach((k, v) -> env.put(prefix + k, new Variable(String.valueOf(v), secret)));
        }
        for (Object entry : Yaml.asList(container.get("env"), "env")) {
            Map<String, Object> variable = Yaml.asMap(entry, "env");
            String name = String.valueOf(variable.get("name"));
            Map<String, Object> from = Yaml.asMap(variable.get("valueFrom"), "valueFrom");
            if (from.containsKey("secretKeyRef") || from.containsKey("configMapKeyRef")) {
                boolean secret = from.containsKey("secretKeyRef");
                Map<String, Object> ref = Yaml.asMap(from.get(secret ? "secretKeyRef" : "configMapKeyRef"), "ref");
                Object value = data(secret ? "Secret" : "ConfigMap", String.valueOf(ref.get("name")))
                        .get(String.valueOf(ref.get("key")));
                if (value == null) {
                    throw new AssertionError(overlay + ": " + name + " refers to missing key " + ref);
                }
                env.put(name, new Variable(String.valueOf(value), secret));
            } else if (from.isEmpty()) {
                env.put(name, new Variable(String.valueOf(variable.getOrDefault("value", "")), false));
            } else {
                // fieldRef / resourceFieldRef: known at run time only.
                env.put(name, new Variable("", false));
            }
        }
        return env;
    }

    /** The data of a ConfigMap or Secret; a reference to one that is not rendered fails the check. */
    private Map<String, Object> data(String kind, String name) {
        Map<String, Object> resource = find(kind, name)
                .orElseThrow(() -> new AssertionError(
                        overlay + ": " + kind + " '" + name + "' is referenced but not part of the overlay"));
        Map<String, Object> data = new LinkedHashMap<>(Yaml.asMap(resource.get("data"), "data"));
        data.putAll(Yaml.asMap(resource.get("stringData"), "stringData"));
        return data;
    }

    /** The Service ports by Service name. */
    Map<String, Set<Integer>> servicePorts() {
        Map<String, Set<Integer>> ports = new LinkedHashMap<>();
        for (Map<String, Object> service : ofKind("Service")) {
            Set<Integer> numbers = new LinkedHashSet<>();
            Yaml.asList(Yaml.at(service, "spec", "ports"), "ports")
                    .forEach(p -> numbers.add((Integer) Yaml.asMap(p, "port").get("port")));
            ports.put(Kustomize.name(service), numbers);
        }
        return ports;
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    Path directory() {
        return Repository.file("k8s/overlays/" + overlay);
    }
}
