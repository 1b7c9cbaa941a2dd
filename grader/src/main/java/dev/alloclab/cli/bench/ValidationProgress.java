package dev.alloclab.cli.bench;

import dev.alloclab.core.trace.Replayer;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Says how far a long validated run has got, on standard error, at most once every {@link #INTERVAL_NANOS}:
 * {@code bench:   validated 45 % (56,000 of 124,782 operations)}. A validated run of a slow allocator on a long
 * trace takes minutes ({@code implicit} walks its whole heap per request and the validator checks every payload
 * byte), and a phase line followed by minutes of silence looks like a hang.
 *
 * <p>Internal to the grader.
 */
public final class ValidationProgress implements Replayer.Progress {
    /** Five seconds between two lines: often enough to show life, rarely enough to read in a log. */
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final String prefix;
    private final LongSupplier clock;
    private long last;

    /** Lines on {@code err}, each starting with {@code prefix} ({@code "bench:   "}). */
    public ValidationProgress(PrintWriter err, String prefix) {
        this(err, prefix, System::nanoTime);
    }

    ValidationProgress(PrintWriter err, String prefix, LongSupplier clock) {
        this.err = err;
        this.prefix = prefix;
        this.clock = clock;
        this.last = clock.getAsLong();
    }

    @Override
    public void validated(int done, int total) {
        long now = clock.getAsLong();
        if (now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        err.printf(Locale.ROOT, "%svalidated %d %% (%,d of %,d operations)...%n", prefix,
                (int) (100L * done / Math.max(1, total)), done, total);
        err.flush();
    }
}
