package dev.alloclab.cli.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Whether this JVM compiles in the background, and what {@code alloclab bench} says about it.
 *
 * <p>Why it matters: with background compilation (the JVM's default) a method that gets hot goes on in its
 * first-tier code while the JIT's queue works through it; the warm-up's quiet window ({@code WarmUp} in core)
 * sees compilations that have finished, not one still running. A large allocator's methods can take the JIT
 * longer than that window, and then a trace is timed in first-tier code: on 27 Nov 2026 one bench in three timed
 * the first CMU traces 5 to 20 times slow. {@code ./alloclab bench} therefore runs with
 * {@code -XX:-BackgroundCompilation} (what {@code -Xbatch} sets: a hot method waits for its compiled code); a JVM
 * started some other way ({@code java -jar}, an IDE) hears how to get the same.
 *
 * <p>Internal to the grader.
 */
public final class BackgroundCompilation {
    private BackgroundCompilation() {
    }

    /** The bench's one-line note for this JVM, or empty when it compiles in the foreground. */
    public static Optional<String> noteForThisJvm() {
        return note(flagValue());
    }

    /**
     * The note for a JVM whose {@code BackgroundCompilation} flag reads {@code value} ({@code "true"},
     * {@code "false"}, or null where the JVM has no such flag: a JVM that is not HotSpot gets no note).
     */
    static Optional<String> note(String value) {
        if (!"true".equals(value)) {
            return Optional.empty();
        }
        return Optional.of("bench: this JVM compiles in the background, so a trace may be timed before the JIT "
                + "has compiled the allocator (throughputs 5 to 20 times low, now and then); ./alloclab bench "
                + "adds -XX:-BackgroundCompilation for you, or add it (or -Xbatch) to the java command.");
    }

    /** The JVM's {@code BackgroundCompilation} flag, or null where it cannot be read. */
    static String flagValue() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot == null ? null : hotSpot.getVMOption("BackgroundCompilation").getValue();
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException | LinkageError e) {
            return null; // not HotSpot, or no jdk.management: nothing to say
        }
    }
}
