package dev.alloclab.hidden.shared;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded operation streams for the hidden suites, as core {@link Trace}s, checked by core's
 * {@link Replayer} (alignment, bounds, overlap, payload bytes survive, realloc keeps the prefix:
 * the Malloc Lab rules, exactly as {@code alloclab replay} checks them). This class only makes the
 * streams; every check lives in core.
 */
final class Workout {
    private Workout() {
    }

    /** Random alloc/free (and realloc) with sizes in [1, maxSize], every block freed at the end. */
    static Trace random(String name, long seed, int ops, int maxSize, boolean realloc) {
        Random r = new Random(seed);
        List<TraceOp> list = new ArrayList<>();
        List<Integer> live = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < ops; i++) {
            int dice = r.nextInt(10);
            if (live.isEmpty() || dice < 5) {
                list.add(new TraceOp.Alloc(next, 1 + r.nextInt(maxSize), 0));
                live.add(next++);
            } else if (realloc && dice < 7) {
                list.add(new TraceOp.Realloc(live.get(r.nextInt(live.size())), 1 + r.nextInt(maxSize), 0));
            } else {
                list.add(new TraceOp.Free(live.remove(r.nextInt(live.size())), 0));
            }
        }
        for (int id : live) {
            list.add(new TraceOp.Free(id, 0));
        }
        return Trace.of(name, list);
    }

    /**
     * Replays {@code trace} on {@code allocator} (fresh, used up) under core's validator.
     *
     * @throws AssertionError naming the first broken rule, the operation and the heap around it
     */
    static ReplayReport checked(Allocator allocator, Trace trace) {
        ReplayReport report = Replayer.validate(trace, allocator, "your allocator");
        report.failure().ifPresent(f -> {
            throw new AssertionError(trace.name() + ": " + f.report());
        });
        return report;
    }
}
