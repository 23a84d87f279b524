package dev.syspatterns.bench;

/**
 * One trade-off, measured: a baseline and its alternatives in the same run, so the ratios hold on a noisy,
 * shared machine where absolute times drift. A benchmark also checks its answers while it measures: a fast
 * wrong answer throws.
 */
public interface Benchmark {

    /** Short name for {@code ./platform bench <name>}. */
    String name();

    /** The question the run answers, in a reader's words. */
    String question();

    Result run(Scale scale, Platform platform) throws Exception;
}
