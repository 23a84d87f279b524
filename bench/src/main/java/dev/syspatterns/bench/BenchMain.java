package dev.syspatterns.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./platform bench [--smoke] [name...]}: runs the named benchmarks (all without names) against the
 * platform started by {@code ./platform up}, prints each result and writes it to bench/results/.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Scale scale = Scale.FULL;
        String results = System.getProperty("bench.results");
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                scale = Scale.SMOKE;
            } else {
                names.add(arg);
            }
        }
        // Smoke runs prove a benchmark works; only full runs may replace the committed results.
        Path out = Path.of(
                results != null ? results : scale == Scale.SMOKE ? "bench/target/bench-smoke" : "bench/results");
        List<Benchmark> chosen = Benchmarks.all().stream()
                .filter(b -> names.isEmpty() || names.contains(b.name()))
                .toList();
        if (chosen.isEmpty()) {
            System.err.println("no benchmark named " + names + "; there are: "
                    + Benchmarks.all().stream().map(Benchmark::name).toList());
            System.exit(2);
        }
        Platform platform = Platform.local();
        for (Benchmark benchmark : chosen) {
            Result result = benchmark.run(scale, platform);
            Reports.print(result, System.out);
            Reports.write(result, out);
        }
        System.out.println("\nreports in " + out.toAbsolutePath());
    }
}
