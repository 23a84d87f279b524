package dev.syspatterns.bench;

/** SMOKE proves in seconds that a benchmark still works (part of ./platform test); FULL measures. */
public enum Scale {
    SMOKE,
    FULL;

    public int pick(int smoke, int full) {
        return this == SMOKE ? smoke : full;
    }
}
