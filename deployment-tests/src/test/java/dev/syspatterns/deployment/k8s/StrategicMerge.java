package dev.syspatterns.deployment.k8s;

import dev.syspatterns.deployment.Yaml;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of Kubernetes' strategic merge patch that manifests use: maps merge key by key, {@code null} deletes,
 * lists of named items (containers, env, ports, volumes) merge by name, other lists are replaced.
 */
final class StrategicMerge {

    private StrategicMerge() {}

    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            if (key.startsWith("$")) {
                throw new IllegalStateException("strategic merge directive " + key + " is not understood");
            }
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (current instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                merge(Yaml.asMap(current, key), Yaml.asMap(value, key));
            } else if (current instanceof List<?> && value instanceof List<?> && isNamedList(value)) {
                mergeByName(Yaml.asList(current, key), Yaml.asList(value, key));
            } else {
                target.put(key, value);
            }
        });
    }

    private static boolean isNamedList(Object list) {
        return ((List<?>) list).stream().allMatch(e -> e instanceof Map<?, ?> m && m.containsKey("name"));
    }

    private static void mergeByName(List<Object> target, List<Object> patch) {
        for (Object item : patch) {
            Map<String, Object> patchItem = Yaml.asMap(item, "list item");
            target.stream()
                    .map(t -> Yaml.asMap(t, "list item"))
                    .filter(t -> Objects.equals(t.get("name"), patchItem.get("name")))
                    .findFirst()
                    .ifPresentOrElse(t -> merge(t, patchItem), () -> target.add(patchItem));
        }
    }
}
