package dev.syspatterns.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every benchmark, at smoke scale, against the running platform: part of ./platform test so no benchmark rots.
 * The benchmarks check their own answers (a wrong one throws); here the run must also produce its reports.
 */
class BenchmarksSmokeTest {

    @TestFactory
    Stream<DynamicTest> everyBenchmarkRunsAndReports() {
        Path out = Path.of("target", "bench-smoke");
        return Benchmarks.all().stream()
                .map(benchmark -> DynamicTest.dynamicTest(benchmark.name(), () -> {
                    Result result = benchmark.run(Scale.SMOKE, Platform.local());
                    Reports.write(result, out);
                    assertThat(result.measurements()).hasSizeGreaterThanOrEqualTo(2);
                    assertThat(result.measurements())
                            .allSatisfy(m -> assertThat(m.operations()).isPositive());
                    assertThat(result.checks()).isNotEmpty();
                    assertThat(out.resolve(benchmark.name() + ".png")).isNotEmptyFile();
                    assertThat(Files.readString(out.resolve(benchmark.name() + ".md")))
                            .contains(result.baseline().variant());
                }));
    }
}
