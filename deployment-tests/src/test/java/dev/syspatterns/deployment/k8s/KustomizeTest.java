package dev.syspatterns.deployment.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syspatterns.deployment.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer the manifest checks stand on: it must do what kustomize does, or refuse. */
class KustomizeTest {

    @TempDir
    Path dir;

    @Test
    void overlayMergesGeneratedConfigAndPatchesTheBase() throws IOException {
        write("base/kustomization.yaml", """
                resources: [app.yaml]
                configMapGenerator:
                  - name: app-config
                    literals: [A=base, B=base]
                """);
        write("base/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: app }
                spec:
                  template:
                    spec:
                      containers:
                        - { name: app, image: example/app:1, env: [{ name: X, value: "1" }] }
                """);
        write("overlay/kustomization.yaml", """
                namespace: demo
                resources: [../base]
                images: [{ name: example/app, newName: registry.example.com/app, newTag: "2" }]
                configMapGenerator:
                  - { name: app-config, behavior: merge, literals: [B=overlay] }
                patches:
                  - target: { kind: Deployment, name: app }
                    patch: |-
                      - { op: add, path: /spec/replicas, value: 3 }
                  - patch: |-
                      kind: Deployment
                      metadata: { name: app }
                      spec:
                        template:
                          spec:
                            containers:
                              - { name: app, env: [{ name: Y, value: "2" }] }
                """);

        List<Map<String, Object>> resources = new Kustomize().build(dir.resolve("overlay"));

        Map<String, Object> deployment = find(resources, "Deployment");
        Map<String, Object> container = Manifests.containers(deployment).getFirst();
        assertThat(container.get("image")).isEqualTo("registry.example.com/app:2");
        assertThat(Yaml.asList(container.get("env"), "env")).hasSize(2);
        assertThat(Yaml.at(deployment, "spec", "replicas")).isEqualTo(3);
        assertThat(Yaml.at(deployment, "metadata", "namespace")).isEqualTo("demo");
        assertThat(Yaml.at(find(resources, "ConfigMap"), "data")).isEqualTo(Map.of("A", "base", "B", "overlay"));
    }

    @Test
    void refusesKustomizeFeaturesItDoesNotImplement() throws IOException {
        write("kustomization.yaml", """
                resources: []
                replicas: [{ name: app, count: 2 }]
                """);

        assertThatThrownBy(() -> new Kustomize().build(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'replicas' is not understood");
    }

    @Test
    void refusesAPatchThatMatchesNothing() throws IOException {
        write("kustomization.yaml", """
                resources: []
                patches:
                  - target: { kind: Deployment, name: missing }
                    patch: |-
                      - { op: replace, path: /spec/replicas, value: 1 }
                """);

        assertThatThrownBy(() -> new Kustomize().build(dir)).hasMessageContaining("matches no resource");
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Map<String, Object> find(List<Map<String, Object>> resources, String kind) {
        return resources.stream()
                .filter(r -> kind.equals(Kustomize.kind(r)))
                .findFirst()
                .orElseThrow();
    }
}
