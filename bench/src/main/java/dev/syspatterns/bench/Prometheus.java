package dev.syspatterns.bench;

import java.net.URI;

/** Reads counters from a service's {@code /actuator/prometheus} text, to compare before and after a variant. */
public final class Prometheus {

    private final Http http;
    private final URI service;

    public Prometheus(Http http, URI service) {
        this.http = http;
        this.service = service;
    }

    /**
     * The sum of every sample of {@code metric} whose labels contain each of {@code labels} (e.g.
     * {@code strategy="OPTIMISTIC"}); 0 when there is none yet (a counter not incremented is not exported).
     */
    public double sum(String metric, String... labels) {
        String text = Http.expect(200, http.get(service.resolve("/actuator/prometheus")))
                .body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }
}
