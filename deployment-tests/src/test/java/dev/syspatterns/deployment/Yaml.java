package dev.syspatterns.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML reading with SnakeYAML's safe constructor (which also resolves anchors and {@code <<} merge keys). */
public final class Yaml {

    private Yaml() {}

    public static Object parse(String text) {
        return yaml().load(text);
    }

    public static Map<String, Object> readMap(Path file) {
        return asMap(readAll(file).stream().findFirst().orElse(Map.of()), file.toString());
    }

    /** Every non-empty document of a multi-document file. */
    public static List<Object> readAll(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Object> documents = new ArrayList<>();
            yaml().loadAll(reader).forEach(documents::add);
            documents.removeIf(Objects::isNull);
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value, String where) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException(where + ": expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object value, String where) {
        if (value == null) {
            return new ArrayList<>();
        }
        if (!(value instanceof List<?>)) {
            throw new IllegalStateException(where + ": expected a list, found " + value);
        }
        return (List<Object>) value;
    }

    /** The value at a dotted path of map keys, or null. */
    public static Object at(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    private static org.yaml.snakeyaml.Yaml yaml() {
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
