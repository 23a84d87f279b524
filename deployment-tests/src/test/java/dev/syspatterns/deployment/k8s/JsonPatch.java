package dev.syspatterns.deployment.k8s;

import dev.syspatterns.deployment.Yaml;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** RFC 6902 {@code add}, {@code replace} and {@code remove} on parsed YAML, as Kustomize's JSON patches. */
final class JsonPatch {

    private JsonPatch() {}

    static void apply(Map<String, Object> document, Map<String, Object> operation) {
        String op = String.valueOf(operation.get("op"));
        List<String> path = Arrays.stream(
                        String.valueOf(operation.get("path")).substring(1).split("/"))
                .map(s -> s.replace("~1", "/").replace("~0", "~"))
                .toList();
        Object parent = document;
        for (String segment : path.subList(0, path.size() - 1)) {
            parent = child(parent, segment, operation);
        }
        String last = path.getLast();
        Object value = operation.get("value");
        if (parent instanceof Map<?, ?> raw) {
            Map<String, Object> map = Yaml.asMap(raw, "patch target");
            if (!op.equals("add") && !map.containsKey(last)) {
                throw new IllegalStateException("json patch " + operation + ": no '" + last + "' to " + op);
            }
            switch (op) {
                case "add", "replace" -> map.put(last, value);
                case "remove" -> map.remove(last);
                default -> throw new IllegalStateException("json patch op '" + op + "' is not understood");
            }
        } else {
            List<Object> list = Yaml.asList(parent, "patch target");
            int index = last.equals("-") ? list.size() : Integer.parseInt(last);
            switch (op) {
                case "add" -> list.add(index, value);
                case "replace" -> list.set(index, value);
                case "remove" -> list.remove(index);
                default -> throw new IllegalStateException("json patch op '" + op + "' is not understood");
            }
        }
    }

    private static Object child(Object parent, String segment, Map<String, Object> operation) {
        Object child = parent instanceof List<?> list
                ? list.get(Integer.parseInt(segment))
                : Yaml.asMap(parent, "patch target").get(segment);
        if (child == null) {
            throw new IllegalStateException("json patch " + operation + ": path does not exist at '" + segment + "'");
        }
        return child;
    }
}
