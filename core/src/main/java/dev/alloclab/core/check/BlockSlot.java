package dev.alloclab.core.check;

/**
 * What the checked heap knows about one block while it holds it (live, in quarantine, or
 * remembered in the history): the facts of a {@link BlockRecord}, kept as plain fields in an
 * object that is reused for the next block once the history forgets this one.
 *
 * <p>Why not keep {@link BlockRecord}s: a record and its two {@link HeapEvent}s and {@link Site}s
 * are values, so every alloc and free would build new objects, and a replay would spend its time
 * allocating (and, on a fresh JVM heap, in the kernel handing out pages). A slot is filled in
 * place; the record is made by {@link #record()} only when a report, a picture or a caller asks.
 *
 * <p>A site is kept as the {@link Site} object the program set with {@code at(...)}, or, for a
 * trace replay, as just the trace line ({@code site == null}), turned into a {@code Site} by
 * {@link #record()}.
 */
final class BlockSlot {
    int id;
    int from;
    int requestedSize;
    int usableSize;
    int tag;

    HeapEvent.Operation allocatedOp;
    int allocatedIndex;
    int allocatedSize;
    int allocatedStep;
    Site allocatedSite;
    int allocatedLine;

    /** {@code null} while the block is live. */
    HeapEvent.Operation freedOp;
    int freedIndex;
    int freedSize;
    int freedStep;
    Site freedSite;
    int freedLine;

    /** One past the payload's last byte. */
    int to() {
        return from + requestedSize;
    }

    /** One past the last byte that belongs to the block (payload or padding). */
    int spanEnd() {
        return from + Math.max(requestedSize, usableSize);
    }

    boolean isFreed() {
        return freedOp != null;
    }

    /** The public value: what the block is now. */
    BlockRecord record() {
        HeapEvent allocated = new HeapEvent(allocatedOp, allocatedIndex, allocatedSize, allocatedStep,
                site(allocatedSite, allocatedLine));
        HeapEvent freed = freedOp == null ? null
                : new HeapEvent(freedOp, freedIndex, freedSize, freedStep, site(freedSite, freedLine));
        return new BlockRecord(id, from, requestedSize, usableSize, tag, allocated, freed);
    }

    private static Site site(Site site, int line) {
        return site != null ? site : Site.traceLine(line);
    }
}
