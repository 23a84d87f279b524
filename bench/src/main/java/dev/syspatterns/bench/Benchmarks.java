package dev.syspatterns.bench;

import dev.syspatterns.bench.blobs.BlobUploadBenchmark;
import dev.syspatterns.bench.contention.ContentionBenchmark;
import dev.syspatterns.bench.gateway.GatewayOverheadBenchmark;
import dev.syspatterns.bench.jobs.JobThroughputBenchmark;
import dev.syspatterns.bench.proximity.KnnIndexBenchmark;
import dev.syspatterns.bench.proximity.LiveDriversBenchmark;
import dev.syspatterns.bench.reads.ReadScalingBenchmark;
import dev.syspatterns.bench.realtime.RealtimeDeliveryBenchmark;
import dev.syspatterns.bench.workflow.OrderSagaBenchmark;
import dev.syspatterns.bench.writes.BufferedWritesBenchmark;
import dev.syspatterns.bench.writes.WriteBatchingBenchmark;
import java.util.List;

/** Every benchmark, by name. */
public final class Benchmarks {

    private Benchmarks() {}

    public static List<Benchmark> all() {
        return List.of(
                new KnnIndexBenchmark(),
                new LiveDriversBenchmark(),
                new WriteBatchingBenchmark(),
                new BufferedWritesBenchmark(),
                new ContentionBenchmark(),
                new ReadScalingBenchmark(),
                new GatewayOverheadBenchmark(),
                new BlobUploadBenchmark(),
                new JobThroughputBenchmark(),
                new RealtimeDeliveryBenchmark(),
                new OrderSagaBenchmark());
    }
}
