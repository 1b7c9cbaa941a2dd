package dev.alloclab.core.trace;

/**
 * SplitMix64: a tiny random generator whose output is fixed by its seed on every JVM, forever,
 * so the generated trace suite can be checked byte for byte. (The JDK's generators are stable
 * too, but writing the ten lines here makes the guarantee ours.)
 */
final class SeededRandom {
    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, bound)}; {@code bound > 0}. */
    int nextInt(int bound) {
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** Uniform in {@code [from, to]}. */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    /** True with probability {@code percent / 100}. */
    boolean percent(int percent) {
        return nextInt(100) < percent;
    }

    /** Roughly log-uniform in {@code [from, to]}: small sizes as likely per doubling as big ones. */
    int logUniform(int from, int to) {
        double lo = Math.log(from);
        double hi = Math.log(to + 1.0);
        double x = lo + (hi - lo) * ((nextLong() >>> 11) * 0x1.0p-53);
        return Math.min(to, Math.max(from, (int) Math.exp(x)));
    }
}
