package dev.syspatterns.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the root {@code ./platform} script expects of the deployments. */
public final class PlatformScript {

    private static final String TEXT = read();

    private PlatformScript() {}

    /** The services {@code ./platform} starts with docker compose where Docker runs. */
    public static List<String> composeInfrastructure() {
        return composeArguments("up -d --wait");
    }

    /** The services {@code ./platform down} stops and removes with docker compose where Docker runs. */
    public static List<String> composeInfrastructureRemoved() {
        return composeArguments("rm -sf");
    }

    /** Every docker compose subcommand the script runs ({@code up}, {@code rm}, ...). */
    public static Set<String> composeSubcommands() {
        Set<String> subcommands = new LinkedHashSet<>();
        Matcher m = Pattern.compile("docker compose -f \\S+ ([a-z]+)").matcher(TEXT);
        while (m.find()) {
            subcommands.add(m.group(1));
        }
        return subcommands;
    }

    /** The service names after {@code docker compose -f <file> <subcommand>}, with {@code "${ARRAY[@]}"} expanded. */
    private static List<String> composeArguments(String subcommand) {
        Matcher m = Pattern.compile("docker compose -f \\S+ " + Pattern.quote(subcommand) + " ([^\\n;|&]+)")
                .matcher(TEXT);
        if (!m.find()) {
            throw new IllegalStateException("./platform runs no docker compose " + subcommand);
        }
        List<String> names = new ArrayList<>();
        for (String word : m.group(1).trim().split("\\s+")) {
            Matcher array = Pattern.compile("\"\\$\\{(\\w+)\\[@]}\"").matcher(word);
            names.addAll(array.matches() ? array(array.group(1)) : List.of(word));
        }
        return names;
    }

    private static List<String> array(String variable) {
        Matcher m = Pattern.compile("(?m)^" + variable + "=\\(([^)]*)\\)").matcher(TEXT);
        if (!m.find()) {
            throw new IllegalStateException("./platform sets no array " + variable);
        }
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    /** The fixed port of each infrastructure service, from the script's own variables. */
    public static int infrastructurePort(String composeService) {
        String variable = Map.of(
                        "postgres", "PG_PRIMARY_PORT",
                        "postgres-replica", "PG_REPLICA_PORT",
                        "redis", "REDIS_PORT",
                        "kafka", "KAFKA_PORT",
                        "s3", "S3_PORT",
                        "temporal", "TEMPORAL_PORT",
                        "cdn", "CDN_PORT")
                .get(composeService);
        if (variable == null) {
            throw new IllegalStateException("no port known for ./platform's compose service " + composeService);
        }
        return Integer.parseInt(assignment(variable));
    }

    /** The databases the local (non-Docker) infrastructure creates. */
    public static Set<String> serviceDatabases() {
        return new LinkedHashSet<>(Arrays.asList(assignment("SERVICE_DATABASES").split("\\s+")));
    }

    private static String assignment(String variable) {
        Matcher m = Pattern.compile("(?m)^" + variable + "=\"?([^\"\\n]*)\"?$").matcher(TEXT);
        if (!m.find()) {
            throw new IllegalStateException("./platform sets no " + variable);
        }
        return m.group(1).trim();
    }

    private static String read() {
        try {
            return Files.readString(Repository.file("platform"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
