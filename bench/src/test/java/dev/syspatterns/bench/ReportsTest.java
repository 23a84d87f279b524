package dev.syspatterns.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports a reader (or a spreadsheet) gets: CSV rows that parse, notes kept, and when they were measured. */
class ReportsTest {

    @TempDir
    Path dir;

    @Test
    void csvQuotesVariantsWithCommasAndKeepsTheNotes() throws Exception {
        Result result = new Result(
                "sample",
                "Which is faster?",
                Scale.SMOKE,
                List.of(
                        measurement("baseline", Map.of()),
                        measurement("OPTIMISTIC, high contention", Map.of("retries", "12"))),
                List.of("every answer checked"));

        Reports.write(result, dir);

        List<String> csv = Files.readAllLines(dir.resolve("sample.csv"));
        assertThat(csv.getFirst())
                .isEqualTo("scale,variant,operations,seconds,ops_per_s,p50_ms,p99_ms,ratio_vs_baseline,notes");
        assertThat(csv.get(1)).startsWith("SMOKE,baseline,10,").endsWith(",");
        assertThat(csv.get(2))
                .startsWith("SMOKE,\"OPTIMISTIC, high contention\",10,")
                .endsWith(",retries=12");
        assertThat(Files.readString(dir.resolve("sample.md")))
                .containsPattern("Measured \\S+Z on commit \\S+, \\d+ cores");
    }

    @Test
    void quotesEveryFieldThatWouldBreakARow() {
        assertThat(Reports.csvField("plain")).isEqualTo("plain");
        assertThat(Reports.csvField("a, b")).isEqualTo("\"a, b\"");
        assertThat(Reports.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    private static Measurement measurement(String variant, Map<String, String> notes) {
        Histogram latency = new Histogram(3);
        latency.recordValue(1_000);
        return new Measurement(variant, 10, 1.0, latency, notes);
    }
}
