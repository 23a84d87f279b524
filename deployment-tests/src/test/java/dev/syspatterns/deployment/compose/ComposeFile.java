package dev.syspatterns.deployment.compose;

import dev.syspatterns.deployment.Yaml;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** docker-compose.yml as data: its services (anchors and merge keys already resolved). */
record ComposeFile(Map<String, ComposeService> services) {

    static ComposeFile read(Path file) {
        Map<String, Object> root = Yaml.readMap(file);
        Map<String, ComposeService> services = new LinkedHashMap<>();
        Yaml.asMap(root.get("services"), "services")
                .forEach((name, definition) ->
                        services.put(name, new ComposeService(name, Yaml.asMap(definition, "services." + name))));
        return new ComposeFile(services);
    }

    Optional<ComposeService> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    ComposeService require(String name) {
        return service(name).orElseThrow(() -> new AssertionError("docker-compose.yml has no service '" + name + "'"));
    }

    List<String> names() {
        return List.copyOf(services.keySet());
    }
}
