package dev.syspatterns.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Writes a result three ways: a console table, Markdown + CSV for the READMEs, and a latency chart (PNG). */
public final class Reports {

    private Reports() {}

    public static void print(Result result, PrintStream out) {
        out.printf(Locale.ROOT, "%n== %s (%s) ==%n%s%n", result.benchmark(), result.scale(), result.question());
        out.printf(
                Locale.ROOT,
                "%-36s %10s %12s %10s %10s %12s%n",
                "variant",
                "ops",
                "ops/s",
                "p50 ms",
                "p99 ms",
                "vs baseline");
        for (Measurement m : result.measurements()) {
            out.printf(
                    Locale.ROOT,
                    "%-36s %10d %12.1f %10.2f %10.2f %11.2fx%s%n",
                    m.variant(),
                    m.operations(),
                    m.throughput(),
                    m.p50Millis(),
                    m.p99Millis(),
                    result.throughputRatio(m),
                    m.notes().isEmpty() ? "" : "  " + m.notes());
        }
        result.checks().forEach(check -> out.println("  checked: " + check));
    }

    public static void write(Result result, Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = result.benchmark();
        StringBuilder md = new StringBuilder()
                .append("# ")
                .append(name)
                .append("\n\n")
                .append(result.question())
                .append("\n\n")
                .append("Scale: ")
                .append(result.scale())
                .append(". Ratios are throughput against the baseline (first row), ")
                .append("measured in the same run.\n\n")
                .append(provenance())
                .append("\n\n")
                .append("| variant | operations | ops/s | p50 ms | p99 ms | throughput vs baseline | notes |\n")
                .append("|---|---:|---:|---:|---:|---:|---|\n");
        StringBuilder csv =
                new StringBuilder("scale,variant,operations,seconds,ops_per_s,p50_ms,p99_ms,ratio_vs_baseline,notes\n");
        for (Measurement m : result.measurements()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.2f | %.2f | %.2fx | %s |%n",
                    m.variant(),
                    m.operations(),
                    m.throughput(),
                    m.p50Millis(),
                    m.p99Millis(),
                    result.throughputRatio(m),
                    m.notes().isEmpty() ? "" : m.notes().toString()));
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%d,%.3f,%.2f,%.3f,%.3f,%.3f,%s%n",
                    result.scale(),
                    csvField(m.variant()),
                    m.operations(),
                    m.seconds(),
                    m.throughput(),
                    m.p50Millis(),
                    m.p99Millis(),
                    result.throughputRatio(m),
                    csvField(m.notes().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")))));
        }
        md.append("\nChecked while measuring:\n\n");
        result.checks().forEach(check -> md.append("- ").append(check).append('\n'));
        md.append("\n![latency](").append(name).append(".png)\n");
        Files.writeString(dir.resolve(name + ".md"), md);
        Files.writeString(dir.resolve(name + ".csv"), csv);
        chart(result, dir.resolve(name + ".png"));
    }

    /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** When, on what code and on how many cores the numbers were measured, so a reader can tell their age. */
    private static String provenance() {
        String commit = "unknown";
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            if (git.waitFor() == 0 && !out.isEmpty()) {
                commit = out;
            }
        } catch (IOException e) {
            // no git: the commit stays unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return String.format(
                Locale.ROOT,
                "Measured %s on commit %s, %d cores, Java %s.",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                commit,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature());
    }

    private static void chart(Result result, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(900)
                .height(420)
                .title(result.benchmark() + ": latency per variant")
                .xAxisTitle("variant")
                .yAxisTitle("milliseconds")
                .build();
        chart.getStyler().setLegendVisible(true);
        List<String> variants =
                result.measurements().stream().map(Measurement::variant).toList();
        chart.addSeries(
                "p50",
                variants,
                result.measurements().stream().map(Measurement::p50Millis).toList());
        chart.addSeries(
                "p99",
                variants,
                result.measurements().stream().map(Measurement::p99Millis).toList());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
