package dev.syspatterns.deployment.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.deployment.Repository;
import dev.syspatterns.deployment.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CDN edge in front of the object store, in both its configurations: the one docker compose and the local
 * Kubernetes overlay mount, and the template {@code ./platform cdn up} renders. Media-service hands out edge
 * URLs for keys under {@code public/} only; everything else is private and must not leak through the edge.
 */
class CdnEdgeTest {

    private static final String SHARED = "k8s/overlays/local/infra/cdn.conf";
    private static final String TEMPLATE = "infra/cdn/nginx.conf.template";

    private static final String PUBLIC_KEY = "/media/public/0f3c9a1e-photo.jpg";
    private static final List<String> NOT_PUBLIC = List.of(
            "/media/private/0f3c9a1e-photo.jpg",
            "/media/private/public/0f3c9a1e-photo.jpg",
            "/media/0f3c9a1e-photo.jpg",
            "/media/",
            "/jobs/results/42.json",
            "/");

    private static final long ONE_YEAR_SECONDS = 365L * 24 * 60 * 60;

    @ParameterizedTest
    @ValueSource(strings = {SHARED, TEMPLATE})
    void proxiesOnlyPublicKeysAndAnswersEverythingElseWith404(String file) throws IOException {
        NginxConfig server = server(file);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(location(server, PUBLIC_KEY)
                        .map(l -> l.first("proxy_pass").isPresent()))
                .as("%s: %s is proxied to the store", file, PUBLIC_KEY)
                .hasValue(true);
        for (String path : NOT_PUBLIC) {
            Optional<NginxConfig> location = location(server, path);
            softly.assertThat(location)
                    .as("%s: a location answers %s", file, path)
                    .isPresent();
            location.ifPresent(l -> {
                softly.assertThat(l.first("proxy_pass"))
                        .as("%s: %s is not proxied to the store", file, path)
                        .isEmpty();
                softly.assertThat(l.first("return").map(r -> r.arg(0)))
                        .as("%s: %s answers 404", file, path)
                        .hasValue("404");
            });
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {SHARED, TEMPLATE})
    void cachesPublicObjectsByPathForAYearAndPassesNoCredentials(String file) throws IOException {
        NginxConfig config = NginxConfig.parse(Files.readString(Repository.file(file)));
        NginxConfig edge = location(server(file), PUBLIC_KEY).orElseThrow();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(edge.first("proxy_cache"))
                .as("%s caches at the edge", file)
                .isPresent();
        softly.assertThat(edge.first("proxy_cache_key").map(k -> k.arg(0)))
                .as("%s keys the cache by path: a query string (a presigned signature) must not split it", file)
                .hasValue("$uri");
        softly.assertThat(edge.here("proxy_set_header"))
                .as("%s strips the client's Authorization header: the edge reads anonymously", file)
                .anyMatch(h ->
                        h.arg(0).equalsIgnoreCase("Authorization") && h.arg(1).isEmpty());
        softly.assertThat(edge.first("limit_except").map(NginxConfig::args))
                .as("%s serves reads only", file)
                .hasValue(List.of("GET", "HEAD"));
        softly.assertThat(edge.here("proxy_hide_header"))
                .as("%s drops the store's Cache-Control for its own", file)
                .anyMatch(h -> h.arg(0).equalsIgnoreCase("Cache-Control"));
        softly.assertThat(edge.here("add_header"))
                .as("%s reports cache hits", file)
                .anyMatch(h -> h.arg(0).equalsIgnoreCase("X-Cache-Status"));

        Optional<NginxConfig> cacheControl = edge.here("add_header").stream()
                .filter(h -> h.arg(0).equalsIgnoreCase("Cache-Control"))
                .findFirst();
        softly.assertThat(cacheControl).as("%s sets Cache-Control", file).isPresent();
        cacheControl.ifPresent(header -> {
            softly.assertThat(header.args())
                    .as("%s: Cache-Control on errors too", file)
                    .contains("always");
            Map<String, String> byStatus = valuesByStatus(config, header.arg(1));
            softly.assertThat(byStatus.get("200"))
                    .as("%s: Cache-Control of a 200", file)
                    .isNotNull()
                    .contains("public", "immutable");
            softly.assertThat(maxAge(byStatus.getOrDefault("200", "")))
                    .as("%s: max-age of a 200 (seconds)", file)
                    .isGreaterThanOrEqualTo(ONE_YEAR_SECONDS);
            softly.assertThat(byStatus.getOrDefault("default", ""))
                    .as("%s: an error is not cached by browsers", file)
                    .contains("no-store");
        });
        softly.assertAll();
    }

    @Test
    void composeAndTheLocalOverlayServeTheSharedConfigAndCheckItsHealthEndpoint() throws IOException {
        Map<String, Object> compose = Yaml.readMap(Repository.file("docker-compose.yml"));
        assertThat(Yaml.asList(Yaml.at(compose, "services", "cdn", "volumes"), "cdn volumes"))
                .as("compose's cdn mounts %s", SHARED)
                .anyMatch(v -> String.valueOf(v).startsWith("./" + SHARED + ":/etc/nginx/conf.d/"));
        assertThat(String.valueOf(Yaml.at(compose, "services", "cdn", "healthcheck", "test")))
                .contains("/healthz");

        Map<String, Object> local = Yaml.readMap(Repository.file("k8s/overlays/local/kustomization.yaml"));
        assertThat(Yaml.asList(local.get("configMapGenerator"), "configMapGenerator"))
                .as("the local overlay's cdn-config holds %s", SHARED)
                .anyMatch(g -> {
                    Map<String, Object> generator = Yaml.asMap(g, "generator");
                    return "cdn-config".equals(generator.get("name"))
                            && Yaml.asList(generator.get("files"), "files").stream()
                                    .anyMatch(f -> String.valueOf(f).endsWith("=infra/cdn.conf"));
                });

        NginxConfig healthz = location(server(SHARED), "/healthz").orElseThrow();
        assertThat(healthz.first("proxy_pass")).as("/healthz answers itself").isEmpty();
        assertThat(healthz.first("return").map(r -> r.arg(0))).hasValue("200");
    }

    private static NginxConfig server(String file) throws IOException {
        List<NginxConfig> servers =
                NginxConfig.parse(Files.readString(Repository.file(file))).all("server");
        assertThat(servers).as("%s: server blocks", file).hasSize(1);
        return servers.getFirst();
    }

    /**
     * The location nginx picks for a path: an exact match, else the longest prefix if it is {@code ^~}, else the
     * first matching regular expression, else the longest prefix.
     */
    private static Optional<NginxConfig> location(NginxConfig server, String path) {
        List<NginxConfig> locations = server.here("location");
        Optional<NginxConfig> exact = locations.stream()
                .filter(l ->
                        l.args().size() == 2 && l.arg(0).equals("=") && l.arg(1).equals(path))
                .findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        Optional<NginxConfig> prefix = locations.stream()
                .filter(l -> (l.args().size() == 1 && path.startsWith(l.arg(0)))
                        || (l.args().size() == 2 && l.arg(0).equals("^~") && path.startsWith(l.arg(1))))
                .max(Comparator.comparingInt(l -> l.args().getLast().length()));
        if (prefix.isPresent() && prefix.get().arg(0).equals("^~")) {
            return prefix;
        }
        Optional<NginxConfig> regex = locations.stream()
                .filter(l -> l.args().size() == 2
                        && (l.arg(0).equals("~") || l.arg(0).equals("~*")))
                .filter(l -> Pattern.compile(l.arg(1), l.arg(0).equals("~*") ? Pattern.CASE_INSENSITIVE : 0)
                        .matcher(path)
                        .find())
                .findFirst();
        return regex.isPresent() ? regex : prefix;
    }

    /** The values a header variable takes by response status, from the {@code map $status $var} that sets it. */
    private static Map<String, String> valuesByStatus(NginxConfig config, String value) {
        if (!value.startsWith("$")) {
            return Map.of("200", value, "default", value);
        }
        NginxConfig map = config.all("map").stream()
                .filter(m -> m.arg(0).equals("$status") && m.arg(1).equals(value))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no map $status " + value));
        return map.children().stream().collect(Collectors.toMap(NginxConfig::name, e -> e.arg(0), (a, b) -> a));
    }

    private static long maxAge(String cacheControl) {
        Matcher m = Pattern.compile("max-age=(\\d+)").matcher(cacheControl);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
