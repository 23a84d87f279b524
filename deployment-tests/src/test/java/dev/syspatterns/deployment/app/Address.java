package dev.syspatterns.deployment.app;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host and port named by a configuration value (JDBC URL, HTTP URL, {@code host:port} list or bare host). */
public record Address(String host, int port, String path) {

    public static final int UNKNOWN_PORT = -1;

    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+)(?::(\\d+))?");

    public static List<Address> parse(String value) {
        List<Address> addresses = new ArrayList<>();
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            return addresses;
        }
        if (trimmed.contains("://")) {
            URI uri = URI.create(trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed);
            int port = uri.getPort();
            if (port == -1) {
                port = switch (uri.getScheme()) {
                    case "https" -> 443;
                    case "http" -> 80;
                    default -> UNKNOWN_PORT;
                };
            }
            addresses.add(new Address(uri.getHost(), port, uri.getPath() == null ? "" : uri.getPath()));
            return addresses;
        }
        for (String part : trimmed.split(",")) {
            Matcher m = HOST_PORT.matcher(part.trim());
            if (m.matches()) {
                int port = m.group(2) == null ? UNKNOWN_PORT : Integer.parseInt(m.group(2));
                addresses.add(new Address(m.group(1), port, ""));
            }
        }
        return addresses;
    }

    /** The database of a JDBC URL ({@code /inventory} -> {@code inventory}). */
    public String database() {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    public boolean isFullyQualified() {
        return host.contains(".");
    }

    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.");
    }
}
