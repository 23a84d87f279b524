package dev.syspatterns.geo;

import java.util.Random;
import org.slf4j.LoggerFactory;

/**
 * Random test data that can be replayed: the seed is {@link System#nanoTime()} unless {@code -Dgeo.test.seed}
 * fixes it, it is logged when the generator is made, and {@link #toString()} names it for assertion messages.
 */
public final class SeededRandom extends Random {

    private static final String PROPERTY = "geo.test.seed";

    private final long seed;

    private SeededRandom(long seed) {
        super(seed);
        this.seed = seed;
    }

    public static SeededRandom forTest(Class<?> test) {
        SeededRandom random = new SeededRandom(Long.getLong(PROPERTY, System.nanoTime()));
        LoggerFactory.getLogger(test).info("random data from {}", random);
        return random;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "seed " + seed + " (replay with -D" + PROPERTY + "=" + seed + ")";
    }
}
