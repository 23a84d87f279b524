package dev.syspatterns.deployment.k8s;

import dev.syspatterns.deployment.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the subset of Kustomize this repository uses
 * (no kustomize binary exists where these tests run). Anything outside that subset fails loudly rather than
 * being skipped, so a manifest that needs more of Kustomize makes these tests grow with it.
 *
 * <p>Two deliberate differences: generated ConfigMaps and Secrets keep their plain names (kustomize appends a
 * content hash and rewrites the references to it; names are what the checks compare), and Secret data stays
 * plain text instead of base64.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of(
            "apiVersion",
            "kind",
            "namespace",
            "resources",
            "labels",
            "images",
            "configMapGenerator",
            "secretGenerator",
            "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

    /** Where to read an {@code envs} file of a secretGenerator from, e.g. the committed {@code .example}. */
    private final UnaryOperator<Path> envFiles;

    Kustomize(UnaryOperator<Path> envFiles) {
        this.envFiles = envFiles;
    }

    Kustomize() {
        this(UnaryOperator.identity());
    }

    List<Map<String, Object>> build(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no kustomization.yaml in " + directory);
        }
        Map<String, Object> kustomization = Yaml.readMap(file);
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalStateException(file + ": field '" + field
                        + "' is not understood by deployment-tests' Kustomize: teach Kustomize.java or avoid it");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : Yaml.asList(kustomization.get("resources"), file + " resources")) {
            Path path = directory.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else {
                Yaml.readAll(path).forEach(doc -> resources.add(Yaml.asMap(doc, path.toString())));
            }
        }
        generate(directory, kustomization, "configMapGenerator", "ConfigMap", resources);
        generate(directory, kustomization, "secretGenerator", "Secret", resources);
        for (Object patch : Yaml.asList(kustomization.get("patches"), file + " patches")) {
            patch(directory, Yaml.asMap(patch, file + " patch"), resources);
        }
        String namespace = (String) kustomization.get("namespace");
        for (Map<String, Object> resource : resources) {
            if (namespace != null && !CLUSTER_SCOPED.contains(kind(resource))) {
                metadata(resource).put("namespace", namespace);
            }
            for (Object label : Yaml.asList(kustomization.get("labels"), file + " labels")) {
                Map<String, Object> labels = Yaml.asMap(metadata(resource).get("labels"), "labels");
                labels.putAll(Yaml.asMap(Yaml.asMap(label, "labels").get("pairs"), "labels.pairs"));
                metadata(resource).put("labels", labels);
            }
        }
        for (Object image : Yaml.asList(kustomization.get("images"), file + " images")) {
            Map<String, Object> rule = Yaml.asMap(image, file + " images");
            resources.forEach(resource -> Manifests.containers(resource).forEach(c -> retag(c, rule)));
        }
        return resources;
    }

    // ---------------------------------------------------------------------------------------------- generators

    private void generate(
            Path directory,
            Map<String, Object> kustomization,
            String field,
            String kind,
            List<Map<String, Object>> resources) {
        for (Object entry : Yaml.asList(kustomization.get(field), field)) {
            Map<String, Object> generator = Yaml.asMap(entry, field);
            String name = String.valueOf(generator.get("name"));
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object literal : Yaml.asList(generator.get("literals"), field + " literals")) {
                String[] kv = String.valueOf(literal).split("=", 2);
                data.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            for (Object envs : Yaml.asList(generator.get("envs"), field + " envs")) {
                data.putAll(readEnvFile(envFiles.apply(directory.resolve(String.valueOf(envs)))));
            }
            for (Object files : Yaml.asList(generator.get("files"), field + " files")) {
                String[] kv = String.valueOf(files).split("=", 2);
                Path source = directory.resolve(kv.length > 1 ? kv[1] : kv[0]);
                data.put(kv.length > 1 ? kv[0] : source.getFileName().toString(), read(source));
            }
            String behavior = String.valueOf(generator.getOrDefault("behavior", "create"));
            Map<String, Object> existing = resources.stream()
                    .filter(r -> kind.equals(kind(r)) && name.equals(name(r)))
                    .findFirst()
                    .orElse(null);
            switch (behavior) {
                case "create" -> {
                    if (existing != null) {
                        throw new IllegalStateException(kind + " " + name + " generated twice in " + directory);
                    }
                    Map<String, Object> generated = new LinkedHashMap<>();
                    generated.put("apiVersion", "v1");
                    generated.put("kind", kind);
                    generated.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
                    generated.put("data", data);
                    resources.add(generated);
                }
                case "merge", "replace" -> {
                    if (existing == null) {
                        throw new IllegalStateException(
                                directory + ": " + behavior + " of " + kind + " " + name + ", which no base generates");
                    }
                    Map<String, Object> merged =
                            behavior.equals("merge") ? Yaml.asMap(existing.get("data"), "data") : new LinkedHashMap<>();
                    merged.putAll(data);
                    existing.put("data", merged);
                }
                default -> throw new IllegalStateException(directory + ": unknown generator behavior " + behavior);
            }
        }
    }

    private static Map<String, String> readEnvFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] kv = trimmed.split("=", 2);
                values.put(kv[0].trim(), kv.length > 1 ? kv[1] : "");
            }
        }
        return values;
    }

    // ---------------------------------------------------------------------------------------------- patches

    private void patch(Path directory, Map<String, Object> spec, List<Map<String, Object>> resources) {
        for (String field : spec.keySet()) {
            if (!Set.of("path", "patch", "target").contains(field)) {
                throw new IllegalStateException(directory + ": patch field '" + field + "' is not understood");
            }
        }
        Object body = spec.containsKey("path")
                ? Yaml.parse(read(directory.resolve(String.valueOf(spec.get("path")))))
                : Yaml.parse(String.valueOf(spec.get("patch")));
        Map<String, Object> target = Yaml.asMap(spec.get("target"), "patch target");
        if (target.isEmpty() && body instanceof Map<?, ?> strategic) {
            Map<String, Object> patch = Yaml.asMap(strategic, "patch");
            target = Map.of("kind", kind(patch), "name", name(patch));
        }
        for (String field : target.keySet()) {
            if (!Set.of("kind", "name").contains(field)) {
                throw new IllegalStateException(directory + ": patch target field '" + field + "' is not understood");
            }
        }
        List<Map<String, Object>> matched = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            boolean kindMatches =
                    !target.containsKey("kind") || target.get("kind").equals(kind(resource));
            boolean nameMatches =
                    !target.containsKey("name") || name(resource).matches(String.valueOf(target.get("name")));
            if (kindMatches && nameMatches) {
                matched.add(resource);
            }
        }
        if (matched.isEmpty()) {
            throw new IllegalStateException(directory + ": a patch matches no resource: " + target);
        }
        for (Map<String, Object> resource : matched) {
            if (body instanceof List<?> operations) {
                operations.forEach(op -> JsonPatch.apply(resource, Yaml.asMap(op, "json patch operation")));
            } else {
                Map<String, Object> strategic = new LinkedHashMap<>(Yaml.asMap(body, "patch"));
                strategic.remove("apiVersion");
                strategic.remove("kind");
                strategic.remove("metadata");
                StrategicMerge.merge(resource, strategic);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- images

    private static void retag(Map<String, Object> container, Map<String, Object> rule) {
        String image = String.valueOf(container.get("image"));
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > image.lastIndexOf('/');
        String repository = tagged ? image.substring(0, colon) : image;
        String tag = tagged ? image.substring(colon + 1) : "latest";
        if (!repository.equals(rule.get("name"))) {
            return;
        }
        repository = String.valueOf(rule.getOrDefault("newName", repository));
        tag = String.valueOf(rule.getOrDefault("newTag", tag));
        container.put("image", repository + ":" + tag);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static String kind(Map<String, Object> resource) {
        return String.valueOf(resource.get("kind"));
    }

    static String name(Map<String, Object> resource) {
        return String.valueOf(metadata(resource).get("name"));
    }

    static Map<String, Object> metadata(Map<String, Object> resource) {
        return Yaml.asMap(resource.computeIfAbsent("metadata", k -> new LinkedHashMap<>()), "metadata");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
