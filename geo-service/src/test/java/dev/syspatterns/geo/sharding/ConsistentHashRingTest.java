package dev.syspatterns.geo.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsistentHashRingTest {

    private static final List<String> DRIVERS =
            IntStream.range(0, 20_000).mapToObj(i -> "driver-" + i).toList();

    private static ConsistentHashRing<String> ring(int shards) {
        return new ConsistentHashRing<>(
                IntStream.range(0, shards).mapToObj(i -> "shard-" + i).toList(), Function.identity(), 256);
    }

    @Test
    void mapsADriverToTheSameShardEveryTime() {
        // given two rings built independently from the same configuration (two instances, or a restart)
        ConsistentHashRing<String> one = ring(4);
        ConsistentHashRing<String> other = ring(4);

        // then every driver lands on the same shard in both
        for (String driver : DRIVERS) {
            assertThat(other.nodeFor(driver)).isEqualTo(one.nodeFor(driver));
        }
    }

    @Test
    void keepsTheMappingPinnedAcrossReleases() {
        // A changed hash or ring layout would strand every driver's history on the wrong shard: pin it.
        ConsistentHashRing<String> ring = ring(4);
        assertThat(ring.nodeFor("driver-1")).isEqualTo("shard-2");
        assertThat(ring.nodeFor("driver-2")).isEqualTo("shard-0");
        assertThat(ring.nodeFor("driver-42")).isEqualTo("shard-2");
        assertThat(ring.nodeFor("bob")).isEqualTo("shard-1");
    }

    @Test
    void spreadsDriversEvenlyAcrossShards() {
        ConsistentHashRing<String> ring = ring(4);
        Map<String, Integer> load = new HashMap<>();
        DRIVERS.forEach(d -> load.merge(ring.nodeFor(d), 1, Integer::sum));

        assertThat(load).hasSize(4);
        // 256 virtual nodes each keep every shard within 15% of a fair quarter
        assertThat(load.values()).allSatisfy(n -> assertThat(n).isBetween(4_250, 5_750));
    }

    @Test
    void addingAShardMovesOnlyAFractionOfDriversAllToTheNewShard() {
        // given drivers spread over four shards
        ConsistentHashRing<String> four = ring(4);
        // when a fifth shard joins
        ConsistentHashRing<String> five = ring(5);

        List<String> moved = DRIVERS.stream()
                .filter(d -> !four.nodeFor(d).equals(five.nodeFor(d)))
                .toList();

        // then about a fifth of the drivers move (mod-N hashing would move about four fifths)...
        assertThat(moved.size()).isBetween(DRIVERS.size() / 5 - 1_000, DRIVERS.size() / 5 + 1_000);
        // ...and every one of them moves to the new shard, none between old shards
        assertThat(moved).allSatisfy(d -> assertThat(five.nodeFor(d)).isEqualTo("shard-4"));

        long movedByModulo = DRIVERS.stream()
                .filter(d -> Math.floorMod(d.hashCode(), 4) != Math.floorMod(d.hashCode(), 5))
                .count();
        assertThat(moved.size()).isLessThan((int) movedByModulo / 3);
    }
}
