package dev.alloclab.core.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a trace operation by operation, handing out a fresh block id for every allocation (ids
 * are never reused, as in the classic traces) and tracking the peak of live requested bytes, which
 * the header's first field records as a heap size hint.
 */
final class TraceBuilder {
    private final String name;
    private final List<TraceOp> ops = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private long live;
    private long peak;

    TraceBuilder(String name) {
        this.name = name;
    }

    /** {@code a id size} with a new id, which it returns. */
    int alloc(long size) {
        int id = sizes.size();
        sizes.add(size);
        ops.add(new TraceOp.Alloc(id, size, line()));
        grow(size);
        return id;
    }

    void free(int id) {
        ops.add(new TraceOp.Free(id, line()));
        grow(-sizes.get(id));
        sizes.set(id, 0L);
    }

    void realloc(int id, long size) {
        ops.add(new TraceOp.Realloc(id, size, line()));
        grow(size - sizes.get(id));
        sizes.set(id, size);
    }

    /** The size block {@code id} has now (0 once freed). */
    long sizeOf(int id) {
        return sizes.get(id);
    }

    int opCount() {
        return ops.size();
    }

    long peak() {
        return peak;
    }

    Trace build() {
        return new Trace(name + ".rep", TraceHeader.of(peak, sizes.size(), ops.size()), ops, List.of());
    }

    private int line() {
        return 5 + ops.size();
    }

    private void grow(long delta) {
        live += delta;
        peak = Math.max(peak, live);
    }
}
