package dev.alloclab.hidden.segregated;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import java.util.List;

/** Replays a trace on an allocator up to its peak: the operation after which the most payload is live. */
final class ReplayToPeak {
    private ReplayToPeak() {
    }

    /** How many blocks are live at {@code trace}'s peak: what a per-block Java structure would grow with. */
    static int liveBlocksAtPeak(Trace trace) {
        int ids = trace.header().idCount();
        boolean[] live = new boolean[ids];
        long[] sizes = new long[ids];
        long payload = 0;
        long most = 0;
        int blocks = 0;
        int blocksAtMost = 0;
        for (TraceOp op : trace.ops()) {
            if (op instanceof TraceOp.Alloc a) {
                payload += a.size() - sizes[a.id()];
                sizes[a.id()] = a.size();
                blocks += live[a.id()] ? 0 : 1;
                live[a.id()] = true;
            } else if (op instanceof TraceOp.Realloc r) {
                payload += r.size() - sizes[r.id()];
                sizes[r.id()] = r.size();
                blocks += live[r.id()] ? 0 : 1;
                live[r.id()] = true;
            } else if (op instanceof TraceOp.Free f && f.id() >= 0 && f.id() < ids) {
                payload -= sizes[f.id()];
                sizes[f.id()] = 0;
                blocks -= live[f.id()] ? 1 : 0;
                live[f.id()] = false;
            }
            if (payload > most) {
                most = payload;
                blocksAtMost = blocks;
            }
        }
        return blocksAtMost;
    }

    /** Runs {@code trace}'s operations on {@code allocator} through its peak; returns the peak's trace line (0: none). */
    static int run(Trace trace, Allocator allocator) {
        List<TraceOp> ops = trace.ops();
        int ids = trace.header().idCount();
        long[] sizes = new long[ids];
        long live = 0;
        long most = 0;
        int peak = -1;
        for (int i = 0; i < ops.size(); i++) {
            TraceOp op = ops.get(i);
            if (op instanceof TraceOp.Alloc a) {
                live += a.size() - sizes[a.id()];
                sizes[a.id()] = a.size();
            } else if (op instanceof TraceOp.Realloc r) {
                live += r.size() - sizes[r.id()];
                sizes[r.id()] = r.size();
            } else if (op instanceof TraceOp.Free f && f.id() >= 0 && f.id() < ids) {
                live -= sizes[f.id()];
                sizes[f.id()] = 0;
            }
            if (live > most) {
                most = live;
                peak = i;
            }
        }
        int[] at = new int[ids];
        java.util.Arrays.fill(at, Allocator.NULL);
        for (int i = 0; i <= peak; i++) {
            TraceOp op = ops.get(i);
            if (op instanceof TraceOp.Alloc a) {
                at[a.id()] = allocator.alloc((int) Math.min(Integer.MAX_VALUE, a.size()));
            } else if (op instanceof TraceOp.Realloc r) {
                at[r.id()] = allocator.realloc(at[r.id()], (int) Math.min(Integer.MAX_VALUE, r.size()));
            } else if (op instanceof TraceOp.Free f && f.id() >= 0 && f.id() < ids && at[f.id()] != Allocator.NULL) {
                allocator.dealloc(at[f.id()]);
                at[f.id()] = Allocator.NULL;
            }
        }
        return peak < 0 ? 0 : ops.get(peak).line();
    }
}
